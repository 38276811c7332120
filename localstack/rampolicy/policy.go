package rampolicy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Effect is what a matching statement does.
type Effect string

// The two effects RAM knows.
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Statement is one rule of a policy. Exactly one of Actions / NotActions is
// set; permission statements set one of Resources / NotResources, trust
// statements set Principals instead.
type Statement struct {
	Effect       Effect
	Actions      []string
	NotActions   []string
	Resources    []string
	NotResources []string
	// Principals maps a principal type ("RAM", "Service", "Federated") to
	// its identifiers; only trust policies carry it.
	Principals map[string][]string
	// Conditions maps an operator to condition keys and their values; it is
	// validated, not evaluated (see the package doc).
	Conditions map[string]map[string][]string
}

// Policy is a parsed RAM policy document.
type Policy struct {
	Version    string
	Statements []Statement
}

// ErrGrammar matches every error Parse returns.
var ErrGrammar = errors.New("policy grammar")

// GrammarError says what is wrong with a policy document and where, in
// words fit to return to the caller (it never echoes the whole document).
type GrammarError struct {
	// Path locates the problem, e.g. "Statement[1].Effect"; "" for the document.
	Path   string
	Reason string
}

// Error returns "policy grammar: <path>: <reason>".
func (e *GrammarError) Error() string {
	if e.Path == "" {
		return "policy grammar: " + e.Reason
	}
	return "policy grammar: " + e.Path + ": " + e.Reason
}

// Is makes errors.Is(err, ErrGrammar) true for every *GrammarError.
func (e *GrammarError) Is(target error) bool { return target == ErrGrammar }

func grammarf(path, format string, args ...any) error {
	return &GrammarError{Path: path, Reason: fmt.Sprintf(format, args...)}
}

// rawPolicy and rawStatement mirror the JSON; unknown fields are refused.
type rawPolicy struct {
	Version   *string           `json:"Version"`
	Statement []json.RawMessage `json:"Statement"`
}

type rawStatement struct {
	Effect      *string                               `json:"Effect"`
	Action      json.RawMessage                       `json:"Action"`
	NotAction   json.RawMessage                       `json:"NotAction"`
	Resource    json.RawMessage                       `json:"Resource"`
	NotResource json.RawMessage                       `json:"NotResource"`
	Principal   map[string]json.RawMessage            `json:"Principal"`
	Condition   map[string]map[string]json.RawMessage `json:"Condition"`
}

// Parse decodes and checks a RAM policy document: Version "1", a non-empty
// Statement array, each statement with Effect Allow or Deny, Action or
// NotAction (not both), and Resource/NotResource or Principal; every
// string or string-array field non-empty; no unknown fields. Errors are
// *GrammarError values (errors.Is(err, ErrGrammar)).
func Parse(doc []byte) (Policy, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	var raw rawPolicy
	if err := dec.Decode(&raw); err != nil {
		return Policy{}, grammarf("", "not a policy JSON object: %s", jsonReason(err))
	}
	if dec.More() {
		return Policy{}, grammarf("", "trailing data after the policy object")
	}
	if raw.Version == nil {
		return Policy{}, grammarf("Version", "is required")
	}
	if *raw.Version != "1" {
		return Policy{}, grammarf("Version", `must be "1"`)
	}
	if len(raw.Statement) == 0 {
		return Policy{}, grammarf("Statement", "must be a non-empty array")
	}
	p := Policy{Version: "1", Statements: make([]Statement, 0, len(raw.Statement))}
	for i, rs := range raw.Statement {
		st, err := parseStatement(fmt.Sprintf("Statement[%d]", i), rs)
		if err != nil {
			return Policy{}, err
		}
		p.Statements = append(p.Statements, st)
	}
	return p, nil
}

// jsonReason keeps decoder errors short and free of the input's bytes
// beyond a field name.
func jsonReason(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "json: ")
	if len(msg) > 120 {
		msg = msg[:120] + "..."
	}
	return msg
}
