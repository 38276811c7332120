package rampolicy

import (
	"errors"
	"testing"
)

// FuzzParse: any input either parses into a policy Evaluate can use, or
// fails with a grammar error; nothing panics.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{uploadU1, roleOSS, `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"*"}}]}`,
		`{"Version":"1","Statement":[{"Effect":"Deny","NotAction":"a:b","NotResource":"acs:a:b:c:d","Condition":{"X":{"k":[1,true,"s"]}}}]}`, `{}`, `null`, `[`} {
		f.Add([]byte(seed), "oss:PutObject", "acs:oss:*:*:bkt/uploads/u1/x")
	}
	f.Fuzz(func(t *testing.T, doc []byte, action, resource string) {
		p, err := Parse(doc)
		if err != nil {
			if !errors.Is(err, ErrGrammar) {
				t.Fatalf("Parse error %v does not match ErrGrammar", err)
			}
			return
		}
		if len(p.Statements) == 0 {
			t.Fatal("Parse accepted a policy without statements")
		}
		_ = Evaluate([]Policy{p}, action, resource)
		_ = EvaluateSession([]Policy{p}, []Policy{p}, action, resource)
		_ = Trusts(p, resource, action)
	})
}

// FuzzMatch: "*" matches everything, and a string always matches itself
// when it holds no wildcard characters.
func FuzzMatch(f *testing.F) {
	f.Add("a*b?c", "axxbyc")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		_ = Match(pattern, s)
		if !Match("*", s) {
			t.Fatalf("Match(*, %q) = false", s)
		}
		if !containsWildcard(s) && !Match(s, s) {
			t.Fatalf("Match(%q, itself) = false", s)
		}
	})
}

func containsWildcard(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			return true
		}
	}
	return false
}
