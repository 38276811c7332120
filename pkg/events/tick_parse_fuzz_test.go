package events

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// fuzzTickParser checks the contract every timer parser keeps, whatever the
// input: a *ParseError and the zero Tick, or a named Tick in UTC; and
// ParseTick agrees.
func fuzzTickParser(t *testing.T, data []byte, parse func([]byte) (Tick, error), platform Platform, otherKeys ...string) {
	tick, err := parse(data)
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrMalformed) {
			t.Fatalf("err = %T %v; want a *ParseError matching ErrMalformed", err, err)
		}
		if tick != (Tick{}) {
			t.Fatalf("tick = %+v with err %v; want the zero Tick", tick, err)
		}
		return
	}
	if tick.Name == "" || tick.Platform != platform || tick.Time.Location() != time.UTC || tick.Time.IsZero() && tick.Name == "" {
		t.Fatalf("tick = %+v; want a name, platform %s and a UTC time", tick, platform)
	}
	for _, k := range otherKeys {
		if bytes.Contains(data, []byte(`"`+k+`"`)) {
			return // ParseTick may rightly refuse a payload with both kinds of key.
		}
	}
	again, err := ParseTick(data)
	if err != nil || again != tick {
		t.Fatalf("ParseTick = %+v, %v; want %+v", again, err, tick)
	}
}

func addTickSeeds(f *testing.F, files ...string) {
	for _, name := range files {
		f.Add(readTriggerFixture(f, name))
	}
	for _, s := range []string{"", "null", "{}", `{"triggerTime":1}`, `{"detail-type":"Scheduled Event","resources":[""]}`, `{"payload":{}}`} {
		f.Add([]byte(s))
	}
}

func FuzzParseFCTimer(f *testing.F) {
	addTickSeeds(f, "fc-timer.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzTickParser(t, data, ParseFCTimer, PlatformFC, "detail-type")
	})
}

func FuzzParseSchedule(f *testing.F) {
	addTickSeeds(f, "eventbridge-scheduled.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzTickParser(t, data, ParseSchedule, PlatformLambda, "triggerTime", "triggerName")
	})
}
