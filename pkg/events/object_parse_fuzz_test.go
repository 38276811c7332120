package events

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"
)

// fuzzObjectParser checks the contract every object parser keeps, whatever
// the input: a *ParseError and no events, or at least one event with a
// bucket, a printable key and a UTC time; and ParseObjectEvents agrees.
func fuzzObjectParser(t *testing.T, data []byte, parse func([]byte) ([]ObjectEvent, error), platform Platform, otherKey string) {
	evs, err := parse(data)
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrMalformed) {
			t.Fatalf("err = %T %v; want a *ParseError matching ErrMalformed", err, err)
		}
		if evs != nil {
			t.Fatalf("events = %+v with err %v; want nil", evs, err)
		}
		return
	}
	if len(evs) == 0 {
		t.Fatal("no events and no error")
	}
	for i, ev := range evs {
		if ev.Bucket == "" || ev.Key == "" {
			t.Fatalf("event %d has bucket %q, key %q; want both set", i, ev.Bucket, ev.Key)
		}
		if textProblem(ev.Key) != "" {
			t.Fatalf("event %d key %q: %s", i, ev.Key, textProblem(ev.Key))
		}
		if ev.Platform != platform || ev.Time.Location() != time.UTC || !(ev.Created() || ev.Removed() || ev.Name != "") {
			t.Fatalf("event %d = %+v; want platform %s, UTC time, a name", i, ev, platform)
		}
		if ev.Size < 0 {
			t.Fatalf("event %d size %d < 0", i, ev.Size)
		}
	}
	if bytes.Contains(data, []byte(`"`+otherKey+`"`)) {
		return // ParseObjectEvents may rightly refuse a payload with both keys.
	}
	again, err := ParseObjectEvents(data)
	if err != nil || !reflect.DeepEqual(again, evs) {
		t.Fatalf("ParseObjectEvents = %+v, %v; want %+v", again, err, evs)
	}
}

func addObjectSeeds(f *testing.F, files ...string) {
	for _, name := range files {
		f.Add(readTriggerFixture(f, name))
	}
	for _, s := range []string{"", "null", "{}", `{"events":[]}`, `{"Records":[{}]}`, `{"events":[null]}`, "[", `{"events":[{"oss":{"object":{"size":"1"}}}]}`} {
		f.Add([]byte(s))
	}
}

func FuzzParseFCOSS(f *testing.F) {
	addObjectSeeds(f, "fc-oss-put.json", "fc-oss-multi.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzObjectParser(t, data, ParseFCOSS, PlatformFC, "Records")
	})
}

func FuzzParseS3(f *testing.F) {
	addObjectSeeds(f, "s3-put.json", "s3-multi.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzObjectParser(t, data, ParseS3, PlatformLambda, "events")
	})
}
