package rampolicy

import (
	"errors"
	"strings"
	"testing"
)

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want func(Policy) bool
	}{
		{"session policy from the STS docs", `{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:PutObject"],"Resource":["acs:oss:*:*:bkt/uploads/u1/*"]}]}`,
			func(p Policy) bool { return len(p.Statements) == 1 && p.Statements[0].Actions[0] == "oss:PutObject" }},
		{"strings instead of arrays", `{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Resource":"*"}]}`,
			func(p Policy) bool { return p.Statements[0].Effect == Deny && p.Statements[0].Resources[0] == "*" }},
		{"NotAction and NotResource", `{"Version":"1","Statement":[{"Effect":"Allow","NotAction":"oss:Delete*","NotResource":"acs:oss:*:*:bkt/private/*"}]}`,
			func(p Policy) bool {
				return p.Statements[0].NotActions[0] == "oss:Delete*" && p.Statements[0].Actions == nil
			}},
		{"trust policy", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}`,
			func(p Policy) bool { return p.Statements[0].Principals["RAM"][0] == "acs:ram::1234567890123456:root" }},
		{"conditions of every value type", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{"StringLike":{"oss:Prefix":["a/*"]},"Bool":{"acs:SecureTransport":true},"NumericLessThan":{"oss:max-keys":100}}}]}`,
			func(p Policy) bool {
				c := p.Statements[0].Conditions
				return c["Bool"]["acs:SecureTransport"][0] == "true" && c["NumericLessThan"]["oss:max-keys"][0] == "100"
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse([]byte(tt.doc))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !tt.want(p) {
				t.Errorf("Parse = %+v; not what the document says", p)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	stmt := func(s string) string { return `{"Version":"1","Statement":[` + s + `]}` }
	tests := []struct {
		name, doc, want string
	}{
		{"not JSON", `Version: 1`, "not a policy JSON object"},
		{"empty", ``, "not a policy JSON object"},
		{"array", `[]`, "not a policy JSON object"},
		{"trailing data", `{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]} {}`, "trailing data"},
		{"no version", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, "Version: is required"},
		{"version 2", `{"Version":"2","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, `Version: must be "1"`},
		{"numeric version", `{"Version":1,"Statement":[]}`, "not a policy JSON object"},
		{"no statements", `{"Version":"1","Statement":[]}`, "Statement: must be a non-empty array"},
		{"unknown top-level field", `{"Version":"1","Id":"x","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, "unknown field"},
		{"lower-case effect", stmt(`{"Effect":"allow","Action":"*","Resource":"*"}`), `Statement[0].Effect: must be "Allow" or "Deny"`},
		{"no effect", stmt(`{"Action":"*","Resource":"*"}`), "Statement[0].Effect: is required"},
		{"no action", stmt(`{"Effect":"Allow","Resource":"*"}`), "one of Action or NotAction is required"},
		{"action and NotAction", stmt(`{"Effect":"Allow","Action":"*","NotAction":"oss:x","Resource":"*"}`), "Action and NotAction cannot both be set"},
		{"action without service", stmt(`{"Effect":"Allow","Action":"PutObject","Resource":"*"}`), `Statement[0].Action: value 0 must be "*" or "<service>:<action>"`},
		{"empty action", stmt(`{"Effect":"Allow","Action":"","Resource":"*"}`), "Action: must not be empty"},
		{"empty action list", stmt(`{"Effect":"Allow","Action":[],"Resource":"*"}`), "must not be an empty array"},
		{"numeric action", stmt(`{"Effect":"Allow","Action":[1],"Resource":"*"}`), "must be a string or an array of strings"},
		{"no resource", stmt(`{"Effect":"Allow","Action":"oss:GetObject"}`), "one of Resource, NotResource or Principal is required"},
		{"bare bucket resource", stmt(`{"Effect":"Allow","Action":"oss:GetObject","Resource":"bkt/*"}`), "Resource: value 0 must be"},
		{"resource and principal", stmt(`{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Principal":{"RAM":"*"}}`), "Principal belongs to trust policies"},
		{"unknown principal type", stmt(`{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"*"}}`), "unknown principal type"},
		{"empty condition", stmt(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{}}`), "Condition: must not be empty"},
		{"object condition value", stmt(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":{"a":1}}}}`), "condition values must be strings"},
		{"unknown statement field", stmt(`{"Effect":"Allow","Action":"*","Resource":"*","Sid":"x"}`), "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil {
				t.Fatalf("Parse(%s) = nil error; want %q", tt.doc, tt.want)
			}
			if !errors.Is(err, ErrGrammar) {
				t.Errorf("Parse error %v does not match ErrGrammar", err)
			}
			var ge *GrammarError
			if !errors.As(err, &ge) {
				t.Errorf("Parse error %T is not a *GrammarError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %q; want it to contain %q", err, tt.want)
			}
		})
	}
}
