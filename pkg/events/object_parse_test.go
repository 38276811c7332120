package events

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/fault"
)

func readTriggerFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantParseError asserts err is a *ParseError for format and field that
// matches ErrMalformed.
func wantParseError(t *testing.T, err error, format, field string) {
	t.Helper()
	if err == nil {
		t.Fatalf("err = nil; want a %s ParseError at %q", format, field)
	}
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("errors.Is(%v, ErrMalformed) = false; want true", err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %T (%v); want *ParseError", err, err)
	}
	if pe.Format != format || pe.Field != field {
		t.Errorf("err = %v (format %q, field %q); want format %q, field %q", err, pe.Format, pe.Field, format, field)
	}
	if pe.Reason == "" {
		t.Errorf("err = %v has an empty Reason", err)
	}
}

func wantEvents(t *testing.T, got, want []ObjectEvent) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d events; want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("event %d =\n%+v\nwant\n%+v", i, got[i], want[i])
		}
	}
}

// deleteField marks a field editRecord removes.
type deleteField struct{}

// editRecord returns a copy of the JSON payload with the record at
// records[index] changed: each path ("oss.object.size") is set to its value,
// or removed for deleteField{}.
func editRecord(t *testing.T, payload []byte, records string, index int, edits map[string]any) []byte {
	t.Helper()
	var top map[string]any
	if err := json.Unmarshal(payload, &top); err != nil {
		t.Fatal(err)
	}
	rec := top[records].([]any)[index].(map[string]any)
	for path, v := range edits {
		parts := strings.Split(path, ".")
		m := rec
		for _, p := range parts[:len(parts)-1] {
			next, ok := m[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				m[p] = next
			}
			m = next
		}
		if _, del := v.(deleteField); del {
			delete(m, parts[len(parts)-1])
		} else {
			m[parts[len(parts)-1]] = v
		}
	}
	b, err := json.Marshal(top)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseObjectEventsDetects(t *testing.T) {
	for _, name := range []string{"fc-oss-put.json", "fc-oss-multi.json", "s3-put.json", "s3-multi.json"} {
		t.Run(name, func(t *testing.T) {
			payload := readTriggerFixture(t, name)
			parse := ParseS3
			if strings.HasPrefix(name, "fc-oss") {
				parse = ParseFCOSS
			}
			want, err := parse(payload)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseObjectEvents(payload)
			if err != nil {
				t.Fatalf("ParseObjectEvents: %v", err)
			}
			wantEvents(t, got, want)
		})
	}
}

func TestParseObjectEventsMalformed(t *testing.T) {
	fc := readTriggerFixture(t, "fc-oss-put.json")
	tests := []struct {
		name, payload, format, field, reason string
	}{
		{"empty", "", formatObjectEvent, "", "empty"},
		{"null", "null", formatObjectEvent, "", "null"},
		{"empty object", "{}", formatObjectEvent, "", `want "events" (FC OSS trigger) or "Records" (S3 notification)`},
		{"other event", `{"triggerTime":"2022-07-29T10:02:58Z"}`, formatObjectEvent, "", `has keys "triggerTime"`},
		{"wrong case", `{"records":[]}`, formatObjectEvent, "", `want "events"`},
		{"array", `[{"events":[]}]`, formatObjectEvent, "", "want object"},
		{"both", `{"events":[],"Records":[]}`, formatObjectEvent, "", "both"},
		{"fc error keeps its format", `{"events":[]}`, formatFCOSS, "events", "empty"},
		{"s3 error keeps its format", `{"Records":5}`, formatS3, "Records", "want array"},
		{"trailing garbage", string(fc) + "x", formatObjectEvent, "", "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := ParseObjectEvents([]byte(tt.payload))
			wantParseError(t, err, tt.format, tt.field)
			if evs != nil {
				t.Errorf("events = %+v; want nil on error", evs)
			}
			if err != nil && !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err = %q; want it to mention %q", err, tt.reason)
			}
		})
	}
}

// objectParsers are the parsers the size tests run against.
var objectParsers = map[string]func([]byte) ([]ObjectEvent, error){
	formatFCOSS:       ParseFCOSS,
	formatS3:          ParseS3,
	formatObjectEvent: ParseObjectEvents,
}

func TestObjectParsersRefuseOverMaxPayload(t *testing.T) {
	// 33 MB of otherwise valid JSON: refused for its size, not its content.
	payload := hugeJSON(`{"events":[],"Records":[],"junk":"`, 33<<20)
	for format, parse := range objectParsers {
		_, err := parse(payload)
		wantParseError(t, err, format, "")
		if err != nil && !strings.Contains(err.Error(), "limit") {
			t.Errorf("%s: err = %q; want it to name the size limit", format, err)
		}
	}
}

func TestObjectParsersIgnoreHugeJunkField(t *testing.T) {
	for _, name := range []string{"fc-oss-put.json", "s3-put.json"} {
		payload := readTriggerFixture(t, name)
		want, err := ParseObjectEvents(payload)
		if err != nil {
			t.Fatal(err)
		}
		// A 10 MB unknown field next to the records: platforms add fields,
		// so it is ignored, and the records parse as before.
		junk := hugeJSON(`{"junk":"`, 10<<20)
		big := append(junk[:len(junk)-1:len(junk)-1], ',')
		big = append(big, bytes.TrimPrefix(bytes.TrimSpace(payload), []byte("{"))...)
		got, err := ParseObjectEvents(big)
		if err != nil {
			t.Fatalf("%s with 10 MB junk: %v", name, err)
		}
		wantEvents(t, got, want)
	}
}

func TestObjectParsersBoundHugeValuesInErrors(t *testing.T) {
	// A megabyte is far past any limit and enough to show the cut.
	key := strings.Repeat("k", 1<<20)
	fc := bytes.Replace(readTriggerFixture(t, "fc-oss-put.json"), []byte(`"image/a.jpg"`), []byte(`"`+key+`"`), 1)
	s3 := bytes.Replace(readTriggerFixture(t, "s3-put.json"), []byte(`"ObjectCreated:Put"`), []byte(`"`+key+`"`), 1)
	for _, tc := range []struct {
		payload       []byte
		format, field string
	}{
		{fc, formatFCOSS, "events[0].oss.object.key"},
		{s3, formatS3, "Records[0].eventName"},
	} {
		_, err := ParseObjectEvents(tc.payload)
		wantParseError(t, err, tc.format, tc.field)
		if err != nil && len(err.Error()) > 300 {
			t.Errorf("%s: error is %d bytes; want the 1 MB value cut short", tc.format, len(err.Error()))
		}
	}
}

// hugeJSON returns prefix, then n bytes of 'a', then `"}`.
func hugeJSON(prefix string, n int) []byte {
	b := make([]byte, 0, len(prefix)+n+2)
	b = append(b, prefix...)
	b = append(b, bytes.Repeat([]byte{'a'}, n)...)
	return append(b, `"}`...)
}

func TestParseErrorsAreInvalidInput(t *testing.T) {
	_, err := ParseObjectEvents([]byte(`{"events":[]}`))
	if got := fault.KindOf(err); got != fault.Invalid {
		t.Fatalf("fault.KindOf(parse error) = %s; want invalid", got)
	}
	if fault.DispositionOf(err) != fault.Drop {
		t.Fatal("a malformed event must be dropped, not retried")
	}
}
