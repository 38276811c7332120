package rampolicy

import (
	"bytes"
	"encoding/json"
	"strings"
)

func parseStatement(path string, raw json.RawMessage) (Statement, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var rs rawStatement
	if err := dec.Decode(&rs); err != nil {
		return Statement{}, grammarf(path, "not a statement object: %s", jsonReason(err))
	}
	var st Statement
	if rs.Effect == nil {
		return st, grammarf(path+".Effect", "is required")
	}
	switch Effect(*rs.Effect) {
	case Allow, Deny:
		st.Effect = Effect(*rs.Effect)
	default:
		return st, grammarf(path+".Effect", `must be "Allow" or "Deny"`)
	}
	var err error
	if st.Actions, st.NotActions, err = pair(path, "Action", rs.Action, rs.NotAction, checkAction); err != nil {
		return st, err
	}
	if len(st.Actions)+len(st.NotActions) == 0 {
		return st, grammarf(path, "one of Action or NotAction is required")
	}
	if st.Resources, st.NotResources, err = pair(path, "Resource", rs.Resource, rs.NotResource, checkResource); err != nil {
		return st, err
	}
	if rs.Principal != nil {
		if st.Principals, err = principals(path+".Principal", rs.Principal); err != nil {
			return st, err
		}
	}
	hasResource := len(st.Resources)+len(st.NotResources) > 0
	switch {
	case !hasResource && st.Principals == nil:
		return st, grammarf(path, "one of Resource, NotResource or Principal is required")
	case hasResource && st.Principals != nil:
		return st, grammarf(path, "Principal belongs to trust policies, which have no Resource")
	}
	if rs.Condition != nil {
		if st.Conditions, err = conditions(path+".Condition", rs.Condition); err != nil {
			return st, err
		}
	}
	return st, nil
}

// pair decodes a field and its Not- twin, at most one of which may be set.
func pair(path, name string, yes, not json.RawMessage, check func(string) string) ([]string, []string, error) {
	if yes != nil && not != nil {
		return nil, nil, grammarf(path, "%s and Not%s cannot both be set", name, name)
	}
	field, raw := name, yes
	if not != nil {
		field, raw = "Not"+name, not
	}
	if raw == nil {
		return nil, nil, nil
	}
	vals, err := stringList(path+"."+field, raw)
	if err != nil {
		return nil, nil, err
	}
	for i, v := range vals {
		if reason := check(v); reason != "" {
			return nil, nil, grammarf(path+"."+field, "value %d %s", i, reason)
		}
	}
	if not != nil {
		return nil, vals, nil
	}
	return vals, nil, nil
}

// stringList accepts a string or a non-empty array of non-empty strings.
func stringList(path string, raw json.RawMessage) ([]string, error) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		if one == "" {
			return nil, grammarf(path, "must not be empty")
		}
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, grammarf(path, "must be a string or an array of strings")
	}
	if len(many) == 0 {
		return nil, grammarf(path, "must not be an empty array")
	}
	for _, v := range many {
		if v == "" {
			return nil, grammarf(path, "must not contain empty strings")
		}
	}
	return many, nil
}

// checkAction: "*" or "<service>:<action pattern>", as RAM requires.
func checkAction(a string) string {
	if a == "*" {
		return ""
	}
	service, name, ok := strings.Cut(a, ":")
	if !ok || service == "" || name == "" || strings.ContainsAny(service, "*?") {
		return `must be "*" or "<service>:<action>"`
	}
	return ""
}

// checkResource: "*" or an ACS resource name "acs:<service>:...".
func checkResource(r string) string {
	if r == "*" || strings.HasPrefix(r, "acs:") && strings.Count(r, ":") >= 4 {
		return ""
	}
	return `must be "*" or "acs:<service>:<region>:<account>:<resource>"`
}

func principals(path string, raw map[string]json.RawMessage) (map[string][]string, error) {
	if len(raw) == 0 {
		return nil, grammarf(path, "must name at least one principal type")
	}
	out := make(map[string][]string, len(raw))
	for typ, v := range raw {
		switch typ {
		case "RAM", "Service", "Federated":
		default:
			return nil, grammarf(path, `unknown principal type (want "RAM", "Service" or "Federated")`)
		}
		vals, err := stringList(path+"."+typ, v)
		if err != nil {
			return nil, err
		}
		out[typ] = vals
	}
	return out, nil
}

func conditions(path string, raw map[string]map[string]json.RawMessage) (map[string]map[string][]string, error) {
	if len(raw) == 0 {
		return nil, grammarf(path, "must not be empty")
	}
	out := make(map[string]map[string][]string, len(raw))
	for op, keys := range raw {
		if op == "" || len(keys) == 0 {
			return nil, grammarf(path, "each operator needs at least one condition key")
		}
		out[op] = make(map[string][]string, len(keys))
		for key, v := range keys {
			vals, err := conditionValues(path+"."+op, v)
			if err != nil {
				return nil, err
			}
			out[op][key] = vals
		}
	}
	return out, nil
}

// conditionValues accepts strings, numbers and booleans (RAM allows all
// three), alone or in an array, and keeps their JSON text.
func conditionValues(path string, raw json.RawMessage) ([]string, error) {
	var many []json.RawMessage
	if err := json.Unmarshal(raw, &many); err != nil {
		many = []json.RawMessage{raw}
	}
	if len(many) == 0 {
		return nil, grammarf(path, "condition values must not be empty")
	}
	vals := make([]string, 0, len(many))
	for _, m := range many {
		var s string
		if err := json.Unmarshal(m, &s); err == nil {
			vals = append(vals, s)
			continue
		}
		var scalar any
		if err := json.Unmarshal(m, &scalar); err != nil {
			return nil, grammarf(path, "condition values must be strings, numbers or booleans")
		}
		switch scalar.(type) {
		case float64, bool:
			vals = append(vals, strings.TrimSpace(string(m)))
		default:
			return nil, grammarf(path, "condition values must be strings, numbers or booleans")
		}
	}
	return vals, nil
}
