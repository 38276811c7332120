package events

import (
	"strings"
	"testing"
	"time"
)

func TestParseScheduleFixture(t *testing.T) {
	// The scheduled event sample in the EventBridge and Lambda docs.
	got, err := ParseSchedule(readTriggerFixture(t, "eventbridge-scheduled.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := Tick{Platform: PlatformLambda, Time: time.Date(2015, 10, 8, 16, 53, 6, 0, time.UTC), Name: "my-scheduled-rule"}
	if got != want {
		t.Errorf("tick = %+v; want %+v", got, want)
	}
}

// scheduled returns a scheduled event with fields replaced by edits (raw JSON values).
func scheduled(edits map[string]string) string {
	fields := map[string]string{
		"version": `"0"`, "id": `"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa"`, "detail-type": `"Scheduled Event"`,
		"source": `"aws.events"`, "account": `"123456789012"`, "time": `"2015-10-08T16:53:06Z"`,
		"region": `"us-east-1"`, "resources": `["arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"]`,
		"detail": `{}`,
	}
	for k, v := range edits {
		fields[k] = v
	}
	var b strings.Builder
	b.WriteString("{")
	for k, v := range fields {
		if v == "" {
			continue
		}
		if b.Len() > 1 {
			b.WriteString(",")
		}
		b.WriteString(`"` + k + `":` + v)
	}
	b.WriteString("}")
	return b.String()
}

func TestParseScheduleAccepts(t *testing.T) {
	tests := []struct {
		name               string
		edits              map[string]string
		wantName, wantBody string
	}{
		{"EventBridge Scheduler", map[string]string{"source": `"aws.scheduler"`,
			"resources": `["arn:aws:scheduler:us-east-1:123456789012:schedule/default/hourly-audit"]`}, "hourly-audit", ""},
		{"detail kept compact", map[string]string{"detail": `{ "bucket" : "b" }`}, "my-scheduled-rule", `{"bucket":"b"}`},
		{"no detail", map[string]string{"detail": ""}, "my-scheduled-rule", ""},
		{"null detail", map[string]string{"detail": "null"}, "my-scheduled-rule", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSchedule([]byte(scheduled(tt.edits)))
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.wantName || got.Payload != tt.wantBody {
				t.Errorf("tick = %+v; want Name %q, Payload %q", got, tt.wantName, tt.wantBody)
			}
		})
	}
}

func TestParseScheduleMalformed(t *testing.T) {
	tests := []struct {
		name, payload, field string
	}{
		{"empty", "", ""},
		{"null", "null", ""},
		{"wrong case", strings.Replace(scheduled(nil), `"detail-type"`, `"Detail-Type"`, 1), "detail-type"},
		{"empty object", "{}", "detail-type"},
		{"number", "42", ""},
		{"trailing garbage", scheduled(nil) + "}", ""},
		{"other detail-type", scheduled(map[string]string{"detail-type": `"Object Created"`}), "detail-type"},
		{"detail-type a number", scheduled(map[string]string{"detail-type": `1`}), "detail-type"},
		{"other source", scheduled(map[string]string{"source": `"aws.s3"`}), "source"},
		{"missing time", scheduled(map[string]string{"time": ""}), "time"},
		{"bad time", scheduled(map[string]string{"time": `"Thu, 08 Oct 2015 16:53:06 GMT"`}), "time"},
		{"time a number", scheduled(map[string]string{"time": `1444323186`}), "time"},
		{"no resources", scheduled(map[string]string{"resources": `[]`}), "resources"},
		{"resources a string", scheduled(map[string]string{"resources": `"arn:aws:events:us-east-1:1:rule/r"`}), "resources"},
		{"resource not an ARN", scheduled(map[string]string{"resources": `["my-rule"]`}), "resources[0]"},
		{"resource without name", scheduled(map[string]string{"resources": `["arn:aws:events:us-east-1:1:rule/"]`}), "resources[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tick, err := ParseSchedule([]byte(tt.payload))
			wantParseError(t, err, formatSchedule, tt.field)
			if tick != (Tick{}) {
				t.Errorf("tick = %+v; want the zero Tick on error", tick)
			}
		})
	}
}
