package events

// ParseTick parses a timer firing from either platform, telling them apart
// by the top-level keys: "triggerTime" or "triggerName" is an FC timer
// payload (see ParseFCTimer), "detail-type" an EventBridge scheduled event
// (see ParseSchedule). Any other payload returns a *ParseError with Format
// "tick" that names what was expected; errors inside a recognised payload
// are those of ParseFCTimer or ParseSchedule. Every error matches
// ErrMalformed.
func ParseTick(payload []byte) (Tick, error) {
	top, err := topLevelKeys(formatTick, payload)
	if err != nil {
		return Tick{}, err
	}
	_, hasTime := top["triggerTime"]
	_, hasName := top["triggerName"]
	_, hasDetailType := top["detail-type"]
	switch {
	case (hasTime || hasName) && hasDetailType:
		return Tick{}, malformed(formatTick, "", `has both FC timer keys ("triggerTime") and EventBridge's "detail-type"; want one kind`)
	case hasTime || hasName:
		return fcTimerTick(payload, top)
	case hasDetailType:
		return scheduleTick(payload, top)
	}
	return Tick{}, malformed(formatTick, "", `has %s; want "triggerTime" (FC timer) or "detail-type" (EventBridge schedule)`, keyList(top))
}
