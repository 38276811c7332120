package rampolicy

// Decision is the outcome of evaluating policies for one request.
type Decision int

// Decisions, in RAM's vocabulary.
const (
	// ImplicitDeny: no statement allowed the request (the default).
	ImplicitDeny Decision = iota
	// ExplicitDeny: a Deny statement matched; nothing can override it.
	ExplicitDeny
	// Allowed: an Allow statement matched and no Deny did.
	Allowed
)

// String names the decision as RAM's documentation does.
func (d Decision) String() string {
	switch d {
	case ExplicitDeny:
		return "explicit deny"
	case Allowed:
		return "allowed"
	}
	return "implicit deny"
}

// Allowed reports whether d lets the request through.
func (d Decision) Allowed() bool { return d == Allowed }

// Evaluate decides whether policies, taken together, allow action on
// resource: any matching Deny wins, else any matching Allow allows, else
// the request is implicitly denied. Trust statements (with Principals) are
// ignored here; see Trusts. It never fails: a request nothing speaks to is
// denied.
func Evaluate(policies []Policy, action, resource string) Decision {
	allowed := false
	for _, p := range policies {
		for i := range p.Statements {
			st := &p.Statements[i]
			if st.Principals != nil || !st.matchesAction(action) || !st.matchesResource(resource) {
				continue
			}
			if st.Effect == Deny {
				return ExplicitDeny
			}
			if st.Conditions == nil {
				allowed = true
			}
		}
	}
	if allowed {
		return Allowed
	}
	return ImplicitDeny
}

// EvaluateSession decides a request made with STS credentials: it is
// allowed only when the role's permission policies allow it and, if the
// session was given an inline policy, that policy allows it too. An
// explicit Deny in either is reported as ExplicitDeny. A nil or empty
// session means AssumeRole was called without Policy: the role's rights
// apply unchanged.
func EvaluateSession(role, session []Policy, action, resource string) Decision {
	r := Evaluate(role, action, resource)
	if len(session) == 0 || r == ExplicitDeny {
		return r
	}
	s := Evaluate(session, action, resource)
	if s == ExplicitDeny {
		return ExplicitDeny
	}
	if r == Allowed && s == Allowed {
		return Allowed
	}
	return ImplicitDeny
}

// Trusts reports whether a trust policy lets principal (an ARN such as
// "acs:ram::1234567890123456:user/fn" or a service name such as
// "fc.aliyuncs.com") perform action, normally "sts:AssumeRole". A RAM
// principal "acs:ram::<account>:root" trusts every RAM user and role of
// that account, as RAM documents. Deny statements win.
func Trusts(trust Policy, principal, action string) bool {
	trusted := false
	for i := range trust.Statements {
		st := &trust.Statements[i]
		if st.Principals == nil || !st.matchesAction(action) || !principalMatches(st.Principals, principal) {
			continue
		}
		if st.Effect == Deny {
			return false
		}
		if st.Conditions == nil {
			trusted = true
		}
	}
	return trusted
}

func principalMatches(ps map[string][]string, principal string) bool {
	for typ, ids := range ps {
		for _, id := range ids {
			if id == "*" || Match(id, principal) {
				return true
			}
			if typ == "RAM" && len(id) > len(":root") && id[len(id)-len(":root"):] == ":root" &&
				len(principal) > len(id)-len("root") && principal[:len(id)-len("root")] == id[:len(id)-len("root")] {
				return true
			}
		}
	}
	return false
}

func (st *Statement) matchesAction(action string) bool {
	if st.NotActions != nil {
		return !anyMatch(st.NotActions, action, matchAction)
	}
	return anyMatch(st.Actions, action, matchAction)
}

func (st *Statement) matchesResource(resource string) bool {
	if st.NotResources != nil {
		return !anyMatch(st.NotResources, resource, Match)
	}
	return anyMatch(st.Resources, resource, Match)
}
