package events

import (
	"strings"
	"testing"
)

func TestParseTickDetects(t *testing.T) {
	for name, parse := range map[string]func([]byte) (Tick, error){
		"fc-timer.json":              ParseFCTimer,
		"eventbridge-scheduled.json": ParseSchedule,
	} {
		payload := readTriggerFixture(t, name)
		want, err := parse(payload)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseTick(payload)
		if err != nil {
			t.Fatalf("ParseTick(%s): %v", name, err)
		}
		if got != want {
			t.Errorf("ParseTick(%s) = %+v; want %+v", name, got, want)
		}
	}
}

func TestParseTickMalformed(t *testing.T) {
	tests := []struct {
		name, payload, format, field, reason string
	}{
		{"empty", "", formatTick, "", "empty"},
		{"null", "null", formatTick, "", "null"},
		{"empty object", "{}", formatTick, "", `has no keys; want "triggerTime" (FC timer) or "detail-type" (EventBridge schedule)`},
		{"object event", `{"events":[]}`, formatTick, "", `has keys "events"`},
		{"both", `{"triggerTime":"2023-12-26T07:49:00Z","detail-type":"Scheduled Event"}`, formatTick, "", "both"},
		{"fc error keeps its format", `{"triggerName":"nightly"}`, formatFCTimer, "triggerTime", "missing"},
		{"schedule error keeps its format", `{"detail-type":"Scheduled Event","source":"aws.events"}`, formatSchedule, "time", "missing"},
		{"over MaxPayload", `{"triggerTime":"` + strings.Repeat("1", MaxPayload) + `"}`, formatTick, "", "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTick([]byte(tt.payload))
			wantParseError(t, err, tt.format, tt.field)
			if err != nil && !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err = %q; want it to mention %q", err, tt.reason)
			}
		})
	}
}
