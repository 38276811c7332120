package events

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// scheduleEvent decodes an EventBridge event with aws-lambda-go's own type.
// time is shadowed by a string so a bad value is reported against "time"
// rather than as an anonymous time.Time decoding failure.
type scheduleEvent struct {
	events.EventBridgeEvent
	Time string `json:"time"`
}

// scheduleSources are the senders of "Scheduled Event"s: EventBridge rules
// with a schedule expression (aws.events) and EventBridge Scheduler
// (aws.scheduler).
var scheduleSources = map[string]bool{"aws.events": true, "aws.scheduler": true}

// ParseSchedule parses the EventBridge "Scheduled Event" Lambda receives from
// a schedule rule or EventBridge Scheduler into a Tick in UTC. Name is the
// last path element of the first resource ARN (the rule or schedule name);
// Payload is the event's detail, verbatim, or "" when it is absent, null or
// {} as schedule rules send it. A payload over MaxPayload, invalid JSON
// (including trailing data), a field of the wrong JSON type, a detail-type
// other than "Scheduled Event", a source other than aws.events or
// aws.scheduler, a missing or non-RFC 3339 time, or no resource ARN returns
// a *ParseError (Format "schedule", Field the offending key) that matches
// ErrMalformed.
func ParseSchedule(payload []byte) (Tick, error) {
	top, err := topLevelKeys(formatSchedule, payload)
	if err != nil {
		return Tick{}, err
	}
	return scheduleTick(payload, top)
}

// scheduleTick decodes a scheduled event whose top-level keys are top.
func scheduleTick(payload []byte, top map[string]json.RawMessage) (Tick, error) {
	const f = formatSchedule
	// The exact key must be there: a struct field alone would also take
	// "Detail-Type", which ParseTick would not recognise as a schedule.
	if _, ok := top["detail-type"]; !ok {
		return Tick{}, malformed(f, "detail-type", "is missing; want \"Scheduled Event\"")
	}
	var ev scheduleEvent
	if err := decodeTriggerJSON(f, "", "EventBridgeEvent", payload, &ev); err != nil {
		return Tick{}, err
	}
	if ev.DetailType != "Scheduled Event" {
		return Tick{}, malformed(f, "detail-type", "is %s; want \"Scheduled Event\"", shortQuote(ev.DetailType))
	}
	if !scheduleSources[ev.Source] {
		return Tick{}, malformed(f, "source", "is %s; want \"aws.events\" or \"aws.scheduler\"", shortQuote(ev.Source))
	}
	at, err := eventTime(f, "time", ev.Time)
	if err != nil {
		return Tick{}, err
	}
	if len(ev.Resources) == 0 {
		return Tick{}, malformed(f, "resources", "is missing or empty; want the rule or schedule ARN")
	}
	name, err := scheduleName(ev.Resources[0])
	if err != nil {
		return Tick{}, err
	}
	return Tick{Platform: PlatformLambda, Time: at, Name: name, Payload: schedulePayload(ev.Detail)}, nil
}

// scheduleName takes the rule or schedule name from its ARN:
// arn:aws:events:<region>:<account>:rule/<name> or
// arn:aws:scheduler:<region>:<account>:schedule/<group>/<name>.
func scheduleName(arn string) (string, error) {
	const field = "resources[0]"
	if !strings.HasPrefix(arn, "arn:") || strings.Count(arn, ":") < 5 {
		return "", malformed(formatSchedule, field, "%s is not an ARN", shortQuote(arn))
	}
	i := strings.LastIndexByte(arn, '/')
	if i < 0 || i == len(arn)-1 {
		return "", malformed(formatSchedule, field, "%s names no rule or schedule", shortQuote(arn))
	}
	name := arn[i+1:]
	if problem := textProblem(name); problem != "" {
		return "", malformed(formatSchedule, field, "%s", problem)
	}
	return name, nil
}

// schedulePayload returns detail as compact JSON, or "" when it carries
// nothing: schedule rules always send {}, which is not a payload anyone set.
func schedulePayload(detail json.RawMessage) string {
	var b bytes.Buffer
	if len(detail) == 0 || json.Compact(&b, detail) != nil {
		return ""
	}
	switch s := b.String(); s {
	case "{}", "null":
		return ""
	default:
		return s
	}
}
