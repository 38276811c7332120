package postpolicy

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Condition operators as they appear in the policy JSON.
const (
	OpEq                 = "eq"
	OpStartsWith         = "starts-with"
	OpIn                 = "in"
	OpNotIn              = "not-in"
	OpContentLengthRange = "content-length-range"
)

// MaxPolicySize bounds the base64 policy Parse accepts; real policies are
// a few hundred bytes, so anything larger is abuse.
const MaxPolicySize = 64 << 10

// expirationFormat is how OSS's own samples write expiration.
const expirationFormat = "2006-01-02T15:04:05.000Z"

// Condition is one policy condition. Field is the lower-case form field
// name without '$' ("key", "content-type", "bucket"); Values holds the one
// value of eq/starts-with or the list of in/not-in; Min and Max bound
// content-length-range. Object marks the {"field": "value"} spelling of eq.
type Condition struct {
	Op       string
	Field    string
	Values   []string
	Min, Max int64
	Object   bool
}

// Policy is a decoded PostObject policy.
type Policy struct {
	Expiration time.Time
	Conditions []Condition
}

// Parse decodes a base64 policy. Every failure is an *Error with
// CodeInvalidPolicyDocument whose message names what is wrong.
func Parse(base64Policy string) (Policy, error) {
	if len(base64Policy) > MaxPolicySize {
		return Policy{}, invalid("policy is larger than %d bytes", MaxPolicySize)
	}
	raw, err := base64.StdEncoding.DecodeString(base64Policy)
	if err != nil {
		return Policy{}, invalid("policy is not valid base64")
	}
	var doc struct {
		Expiration *string           `json:"expiration"`
		Conditions []json.RawMessage `json:"conditions"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return Policy{}, invalid("policy is not a JSON object")
	}
	if doc.Expiration == nil {
		return Policy{}, invalid("policy has no expiration")
	}
	exp, err := time.Parse(time.RFC3339Nano, *doc.Expiration)
	if err != nil {
		return Policy{}, invalid("policy expiration must be an ISO 8601 UTC time such as 2026-01-02T15:04:05.000Z")
	}
	if doc.Conditions == nil {
		return Policy{}, invalid("policy has no conditions")
	}
	p := Policy{Expiration: exp.UTC(), Conditions: make([]Condition, 0, len(doc.Conditions))}
	for i, rc := range doc.Conditions {
		c, err := parseCondition(rc)
		if err != nil {
			return Policy{}, invalid("condition %d: %s", i, err.Error())
		}
		p.Conditions = append(p.Conditions, c)
	}
	return p, nil
}

func invalid(format string, args ...any) *Error {
	return newError(CodeInvalidPolicyDocument, fmt.Sprintf(format, args...))
}

// parseCondition reads {"field":"v"} or [op, "$field", value] or
// ["content-length-range", min, max]; errors are plain text for Parse to wrap.
func parseCondition(rc json.RawMessage) (Condition, error) {
	var obj map[string]string
	if err := json.Unmarshal(rc, &obj); err == nil {
		if len(obj) != 1 {
			return Condition{}, fmt.Errorf("an object condition must have exactly one field")
		}
		for k, v := range obj {
			return Condition{Op: OpEq, Field: strings.ToLower(strings.TrimPrefix(k, "$")), Values: []string{v}, Object: true}, nil
		}
	}
	dec := json.NewDecoder(bytes.NewReader(rc))
	dec.UseNumber()
	var arr []any
	if err := dec.Decode(&arr); err != nil || len(arr) != 3 {
		return Condition{}, fmt.Errorf("must be an object with one string value or a three-element array")
	}
	op, ok := arr[0].(string)
	if !ok {
		return Condition{}, fmt.Errorf("operator must be a string")
	}
	op = strings.ToLower(op)
	if op == OpContentLengthRange {
		min, err1 := jsonInt(arr[1])
		max, err2 := jsonInt(arr[2])
		if err1 != nil || err2 != nil || min < 0 || min > max {
			return Condition{}, fmt.Errorf("content-length-range needs two integers 0 <= min <= max")
		}
		return Condition{Op: op, Field: "content-length", Min: min, Max: max}, nil
	}
	field, ok := arr[1].(string)
	if !ok || !strings.HasPrefix(field, "$") || len(field) < 2 {
		return Condition{}, fmt.Errorf("field must be a string starting with $")
	}
	c := Condition{Op: op, Field: strings.ToLower(field[1:])}
	switch op {
	case OpEq, OpStartsWith:
		v, ok := arr[2].(string)
		if !ok {
			return Condition{}, fmt.Errorf("%s needs a string value", op)
		}
		c.Values = []string{v}
	case OpIn, OpNotIn:
		list, ok := arr[2].([]any)
		if !ok {
			return Condition{}, fmt.Errorf("%s needs a list of strings", op)
		}
		for _, item := range list {
			s, ok := item.(string)
			if !ok {
				return Condition{}, fmt.Errorf("%s needs a list of strings", op)
			}
			c.Values = append(c.Values, s)
		}
	default:
		return Condition{}, fmt.Errorf("unknown operator %q", truncate(op))
	}
	return c, nil
}

func jsonInt(v any) (int64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("not a number")
	}
	return n.Int64()
}

// MarshalJSON writes the policy the way OSS's samples do: compact, in
// condition order, strings escaped as encoding/json escapes them without
// HTML escaping (so JSON.stringify in a browser or ali-oss writes the
// same bytes). It never fails; the error is there for json.Marshaler.
func (p Policy) MarshalJSON() ([]byte, error) {
	dst := appendPolicyStart(make([]byte, 0, 64+96*len(p.Conditions)), p.Expiration)
	for _, c := range p.Conditions {
		dst = appendCondition(dst, c)
	}
	return appendPolicyEnd(dst, len(p.Conditions)), nil
}

// jsonValue is the condition as encoding/json values, for String.
func (c Condition) jsonValue() any {
	switch {
	case c.Op == OpContentLengthRange:
		return []any{c.Op, c.Min, c.Max}
	case c.Object:
		return map[string]string{c.Field: c.value()}
	case c.Op == OpIn || c.Op == OpNotIn:
		return []any{c.Op, "$" + c.Field, c.Values}
	default:
		return []any{c.Op, "$" + c.Field, c.value()}
	}
}

// value is the single value of eq and starts-with ("" if none was set).
func (c Condition) value() string {
	if len(c.Values) == 0 {
		return ""
	}
	return c.Values[0]
}

// String renders the condition as JSON for error messages.
func (c Condition) String() string {
	b, _ := json.Marshal(c.jsonValue())
	return string(b)
}

// truncate keeps error messages short whatever a hostile form holds,
// cutting on a rune boundary.
func truncate(s string) string {
	const limit = 200
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
