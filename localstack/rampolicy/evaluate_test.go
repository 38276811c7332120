package rampolicy

import "testing"

func mustParse(t testing.TB, doc string) Policy {
	t.Helper()
	p, err := Parse([]byte(doc))
	if err != nil {
		t.Fatalf("Parse(%s): %v", doc, err)
	}
	return p
}

const (
	uploadU1 = `{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:PutObject","oss:InitiateMultipartUpload","oss:UploadPart","oss:CompleteMultipartUpload","oss:AbortMultipartUpload","oss:ListParts"],"Resource":["acs:oss:*:*:bkt/uploads/u1/*"]}]}`
	roleOSS  = `{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":["acs:oss:*:*:bkt","acs:oss:*:*:bkt/*"]},{"Effect":"Deny","Action":"oss:DeleteBucket","Resource":"*"}]}`
)

func res(key string) string { return "acs:oss:cn-hangzhou:1234567890123456:bkt/" + key }

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name     string
		policies []string
		action   string
		resource string
		want     Decision
	}{
		{"own prefix", []string{uploadU1}, "oss:PutObject", res("uploads/u1/a.jpg"), Allowed},
		{"nested key under own prefix", []string{uploadU1}, "oss:UploadPart", res("uploads/u1/x/y/z.bin"), Allowed},
		{"action case-insensitive", []string{uploadU1}, "OSS:putobject", res("uploads/u1/a.jpg"), Allowed},
		{"resource case-sensitive", []string{uploadU1}, "oss:PutObject", res("uploads/U1/a.jpg"), ImplicitDeny},
		{"other user's prefix", []string{uploadU1}, "oss:PutObject", res("uploads/u2/x"), ImplicitDeny},
		{"prefix lookalike", []string{uploadU1}, "oss:PutObject", res("uploads/u10/x"), ImplicitDeny},
		{"other bucket", []string{uploadU1}, "oss:PutObject", "acs:oss:cn-hangzhou:1234567890123456:other/uploads/u1/x", ImplicitDeny},
		{"delete not granted", []string{uploadU1}, "oss:DeleteObject", res("uploads/u1/a.jpg"), ImplicitDeny},
		{"get not granted", []string{uploadU1}, "oss:GetObject", res("uploads/u1/a.jpg"), ImplicitDeny},
		{"no policies", nil, "oss:GetObject", res("a"), ImplicitDeny},
		{"explicit deny wins over allow", []string{roleOSS}, "oss:DeleteBucket", "acs:oss:cn-hangzhou:1234567890123456:bkt", ExplicitDeny},
		{"deny in a second policy wins", []string{roleOSS, `{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:Put*","Resource":"*"}]}`}, "oss:PutObject", res("k"), ExplicitDeny},
		{"bucket resource", []string{roleOSS}, "oss:ListObjects", "acs:oss:cn-hangzhou:1234567890123456:bkt", Allowed},
		{"question mark is one character", []string{`{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/v?/x"}]}`}, "oss:GetObject", res("v1/x"), Allowed},
		{"question mark is not two", []string{`{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/v?/x"}]}`}, "oss:GetObject", res("v10/x"), ImplicitDeny},
		{"question mark matches a unicode character", []string{`{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:bkt/?.jpg"}]}`}, "oss:GetObject", res("猫.jpg"), Allowed},
		{"NotAction allows the rest", []string{`{"Version":"1","Statement":[{"Effect":"Allow","NotAction":"oss:Delete*","Resource":"*"}]}`}, "oss:GetObject", res("k"), Allowed},
		{"NotAction excludes", []string{`{"Version":"1","Statement":[{"Effect":"Allow","NotAction":"oss:Delete*","Resource":"*"}]}`}, "oss:DeleteObject", res("k"), ImplicitDeny},
		{"NotResource excludes", []string{`{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","NotResource":"acs:oss:*:*:bkt/private/*"}]}`}, "oss:GetObject", res("private/k"), ImplicitDeny},
		{"conditional allow fails closed", []string{`{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}`}, "oss:GetObject", res("k"), ImplicitDeny},
		{"conditional deny applies", []string{roleOSS, `{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"false"}}}]}`}, "oss:GetObject", res("k"), ExplicitDeny},
		{"trust statements grant no permissions", []string{`{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Principal":{"RAM":"*"}}]}`}, "oss:GetObject", res("k"), ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []Policy
			for _, d := range tt.policies {
				ps = append(ps, mustParse(t, d))
			}
			if got := Evaluate(ps, tt.action, tt.resource); got != tt.want {
				t.Errorf("Evaluate(%s, %s) = %v; want %v", tt.action, tt.resource, got, tt.want)
			}
		})
	}
}

func TestEvaluateSessionIsTheIntersection(t *testing.T) {
	role := []Policy{mustParse(t, roleOSS)}
	session := []Policy{mustParse(t, uploadU1)}
	narrowRole := []Policy{mustParse(t, `{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"}]}`)}
	tests := []struct {
		name          string
		role, session []Policy
		action, key   string
		want          Decision
	}{
		{"both allow", role, session, "oss:PutObject", "uploads/u1/a", Allowed},
		{"session narrows the role", role, session, "oss:GetObject", "uploads/u1/a", ImplicitDeny},
		{"session cannot widen the role", narrowRole, session, "oss:PutObject", "uploads/u1/a", ImplicitDeny},
		{"no session policy keeps the role's rights", role, nil, "oss:GetObject", "anything", Allowed},
		{"role deny survives", role, []Policy{mustParse(t, `{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}, "oss:DeleteBucket", "", ExplicitDeny},
		{"session deny is explicit", role, []Policy{mustParse(t, `{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`)}, "oss:GetObject", "k", ExplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := "acs:oss:cn-hangzhou:1234567890123456:bkt"
			if tt.key != "" {
				r += "/" + tt.key
			}
			if got := EvaluateSession(tt.role, tt.session, tt.action, r); got != tt.want {
				t.Errorf("EvaluateSession(%s, %s) = %v; want %v", tt.action, r, got, tt.want)
			}
		})
	}
}

func TestTrusts(t *testing.T) {
	account := mustParse(t, `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}`)
	service := mustParse(t, `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["fc.aliyuncs.com"]}}]}`)
	oneUser := mustParse(t, `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:user/fn"]}}]}`)
	tests := []struct {
		name      string
		trust     Policy
		principal string
		want      bool
	}{
		{"account root trusts its users", account, "acs:ram::1234567890123456:user/fn", true},
		{"account root trusts its roles", account, "acs:ram::1234567890123456:role/fc-role", true},
		{"other account", account, "acs:ram::9999999999999999:user/fn", false},
		{"service principal", service, "fc.aliyuncs.com", true},
		{"named user", oneUser, "acs:ram::1234567890123456:user/fn", true},
		{"other user", oneUser, "acs:ram::1234567890123456:user/other", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Trusts(tt.trust, tt.principal, "sts:AssumeRole"); got != tt.want {
				t.Errorf("Trusts(%s) = %v; want %v", tt.principal, got, tt.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true}, {"", "a", false}, {"*", "", true}, {"*", "anything/at/all", true},
		{"a*c", "abc", true}, {"a*c", "ac", true}, {"a*c", "abd", false}, {"a**b", "ab", true},
		{"*a*b*c*", "xxaxxbxxc", true}, {"*a*b*c*", "xxaxxcxxb", false}, {"??", "ab", true}, {"??", "a", false},
		{"é?", "éé", true}, {"a*", "b", false}, {"*.jpg", "x.jpg.png", false},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.s); got != tt.want {
			t.Errorf("Match(%q, %q) = %v; want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}
