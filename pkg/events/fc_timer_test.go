package events

import (
	"strings"
	"testing"
	"time"
)

func TestParseFCTimerFixture(t *testing.T) {
	// The sample in fc-runtime-go-sdk events/README_TIMER.md.
	got, err := ParseFCTimer(readTriggerFixture(t, "fc-timer.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := Tick{Platform: PlatformFC, Time: time.Date(2022, 7, 29, 10, 2, 58, 0, time.UTC), Name: "TestTimer", Payload: "TestPayload"}
	if got != want {
		t.Errorf("tick = %+v; want %+v", got, want)
	}
}

func TestParseFCTimerAccepts(t *testing.T) {
	tests := []struct {
		name, payload string
		want          Tick
	}{
		{"no payload", `{"triggerTime":"2023-12-26T07:49:00Z","triggerName":"nightly"}`,
			Tick{Platform: PlatformFC, Time: time.Date(2023, 12, 26, 7, 49, 0, 0, time.UTC), Name: "nightly"}},
		{"null payload", `{"triggerTime":"2023-12-26T07:49:00Z","triggerName":"nightly","payload":null}`,
			Tick{Platform: PlatformFC, Time: time.Date(2023, 12, 26, 7, 49, 0, 0, time.UTC), Name: "nightly"}},
		{"JSON payload kept verbatim", `{"triggerTime":"2023-12-26T15:49:00+08:00","triggerName":"audit","payload":"{\"bucket\": \"b\"}"}`,
			Tick{Platform: PlatformFC, Time: time.Date(2023, 12, 26, 7, 49, 0, 0, time.UTC), Name: "audit", Payload: `{"bucket": "b"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFCTimer([]byte(tt.payload))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("tick = %+v; want %+v", got, tt.want)
			}
		})
	}
}

func TestParseFCTimerMalformed(t *testing.T) {
	const ok = `"triggerTime":"2023-12-26T07:49:00Z","triggerName":"nightly"`
	tests := []struct {
		name, payload, field string
	}{
		{"empty", "", ""},
		{"null", "null", ""},
		{"wrong case", `{"TriggerTime":"2023-12-26T07:49:00Z","triggerName":"nightly"}`, "triggerTime"},
		{"empty object", "{}", "triggerTime"},
		{"array", "[]", ""},
		{"invalid JSON", `{"triggerTime":`, ""},
		{"trailing garbage", "{" + ok + "} {}", ""},
		{"missing time", `{"triggerName":"nightly"}`, "triggerTime"},
		{"time a number", `{"triggerTime":1703576940,"triggerName":"nightly"}`, "triggerTime"},
		{"bad time", `{"triggerTime":"2023-12-26 07:49","triggerName":"nightly"}`, "triggerTime"},
		{"missing name", `{"triggerTime":"2023-12-26T07:49:00Z"}`, "triggerName"},
		{"name with newline", `{"triggerTime":"2023-12-26T07:49:00Z","triggerName":"a\nb"}`, "triggerName"},
		{"payload an object", "{" + ok + `,"payload":{"a":1}}`, "payload"},
		{"over MaxPayload", "{" + ok + `,"payload":"` + strings.Repeat("p", MaxPayload) + `"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tick, err := ParseFCTimer([]byte(tt.payload))
			wantParseError(t, err, formatFCTimer, tt.field)
			if tick != (Tick{}) {
				t.Errorf("tick = %+v; want the zero Tick on error", tick)
			}
		})
	}
}
