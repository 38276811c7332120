package events

import "encoding/json"

// fcTimerEvent is an FC timer trigger payload, shaped like fc-runtime-go-sdk's
// events.TimerEvent (which this package must not import).
type fcTimerEvent struct {
	TriggerTime string `json:"triggerTime"`
	TriggerName string `json:"triggerName"`
	Payload     string `json:"payload"`
}

// ParseFCTimer parses the payload an FC timer trigger hands a function,
// {"triggerTime":"2023-12-26T07:49:00Z","triggerName":"...","payload":"..."},
// into a Tick in UTC whose Payload is the trigger's configured payload,
// verbatim ("" when none is configured). A payload over MaxPayload, invalid
// JSON (including trailing data), a field of the wrong JSON type, or a
// missing triggerName or RFC 3339 triggerTime returns a *ParseError (Format
// "fc-timer", Field the offending key) that matches ErrMalformed.
func ParseFCTimer(payload []byte) (Tick, error) {
	top, err := topLevelKeys(formatFCTimer, payload)
	if err != nil {
		return Tick{}, err
	}
	return fcTimerTick(payload, top)
}

// fcTimerTick decodes an FC timer payload whose top-level keys are top.
func fcTimerTick(payload []byte, top map[string]json.RawMessage) (Tick, error) {
	const f = formatFCTimer
	// The exact key must be there: a struct field alone would also take
	// "TriggerTime", which ParseTick would not recognise as a timer.
	if _, ok := top["triggerTime"]; !ok {
		return Tick{}, malformed(f, "triggerTime", "is missing; want an RFC 3339 time")
	}
	var ev fcTimerEvent
	if err := decodeTriggerJSON(f, "", "", payload, &ev); err != nil {
		return Tick{}, err
	}
	at, err := eventTime(f, "triggerTime", ev.TriggerTime)
	if err != nil {
		return Tick{}, err
	}
	if ev.TriggerName == "" {
		return Tick{}, malformed(f, "triggerName", "is missing; want the timer trigger's name")
	}
	if problem := textProblem(ev.TriggerName); problem != "" {
		return Tick{}, malformed(f, "triggerName", "%s", problem)
	}
	return Tick{Platform: PlatformFC, Time: at, Name: ev.TriggerName, Payload: ev.Payload}, nil
}
