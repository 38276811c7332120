package events

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// checkTriggerPayload refuses input no trigger parser should decode: nothing
// at all, or more than the platform could have delivered. Checking the size
// first keeps a hostile 1 GB body from ever reaching the JSON decoder.
func checkTriggerPayload(format string, payload []byte) error {
	if len(payload) > MaxPayload {
		return malformed(format, "", "payload is %d bytes; the limit is %d", len(payload), MaxPayload)
	}
	if len(bytes.TrimSpace(payload)) == 0 {
		return malformed(format, "", "payload is empty; want a JSON object")
	}
	return nil
}

// decodeTriggerJSON unmarshals data into v. Errors become a *ParseError
// whose Field is the JSON path below prefix (e.g. "events[1]" +
// "oss.object.size"), so a caller can see which record and field was wrong.
// embedded names the Go type embedded in v, if any: encoding/json reports
// its name as the first path element, which means nothing to a caller.
func decodeTriggerJSON(format, prefix, embedded string, data []byte, v any) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if embedded != "" {
			field = strings.TrimPrefix(strings.TrimPrefix(field, embedded), ".")
		}
		return malformed(format, joinPath(prefix, field), "is JSON %s; want %s", te.Value, triggerJSONKind(te.Type))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return malformed(format, prefix, "invalid JSON at byte %d: %s", se.Offset, se.Error())
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return malformed(format, prefix, "a timestamp is not RFC 3339")
	}
	return malformed(format, prefix, "invalid JSON value")
}

// triggerJSONKind names the JSON type a Go type decodes from.
func triggerJSONKind(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	default:
		return "object"
	}
}

// rawKind names the JSON type of an already validated raw value, for
// messages about a record that is not an object.
func rawKind(raw json.RawMessage) string {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	default:
		return "number"
	}
}

func joinPath(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	default:
		return prefix + "." + field
	}
}

// shortQuote quotes s for an error message, cut to a length a log line can
// carry: payload values are attacker-controlled and may be megabytes long.
func shortQuote(s string) string {
	const max = 64
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "..."
}
