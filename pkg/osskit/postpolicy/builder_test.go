package postpolicy

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

func TestSignFormFields(t *testing.T) {
	f := typicalForm(t)
	want := map[string]string{
		"key":                     "users/42/",
		"x-oss-signature-version": "OSS4-HMAC-SHA256",
		"x-oss-credential":        "LTAI5tUploadKey/20261122/cn-hangzhou/oss/aliyun_v4_request",
		"x-oss-date":              "20261122T010000Z",
		"x-oss-security-token":    testCreds.SecurityToken,
		"success_action_status":   "201",
		"x-oss-forbid-overwrite":  "true",
	}
	for k, v := range want {
		if got := f.Fields[k]; got != v {
			t.Errorf("Fields[%q] = %q; want %q", k, got, v)
		}
	}
	if len(f.Fields) != len(want)+2 {
		t.Errorf("Fields has %d entries; want %d plus policy and x-oss-signature: %v", len(f.Fields), len(want), keys(f.Fields))
	}
	if got := signer.SignPostPolicy(f.Fields["policy"], testCreds, "cn-hangzhou", testNow); f.Fields["x-oss-signature"] != got {
		t.Errorf("x-oss-signature = %q; want %q", f.Fields["x-oss-signature"], got)
	}
	if !f.Expiration.Equal(testNow.Add(10 * time.Minute)) {
		t.Errorf("Expiration = %v; want now+10m", f.Expiration)
	}
	raw, _ := base64.StdEncoding.DecodeString(f.Fields["policy"])
	var doc struct {
		Expiration string `json:"expiration"`
		Conditions []any  `json:"conditions"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("policy JSON: %v\n%s", err, raw)
	}
	if doc.Expiration != "2026-11-22T01:10:00.000Z" {
		t.Errorf("expiration = %q; want 2026-11-22T01:10:00.000Z", doc.Expiration)
	}
	for _, c := range []string{`{"bucket":"uploads"}`, `{"x-oss-credential":"LTAI5tUploadKey/20261122/cn-hangzhou/oss/aliyun_v4_request"}`,
		`{"x-oss-date":"20261122T010000Z"}`, `{"x-oss-signature-version":"OSS4-HMAC-SHA256"}`, `{"x-oss-security-token":"CAIS-sts-token-value"}`,
		`["starts-with","$key","users/42/"]`, `["content-length-range",1,1024]`, `["in","$content-type",["image/jpeg","image/png"]]`,
		`["eq","$success_action_status","201"]`, `["eq","$x-oss-forbid-overwrite","true"]`} {
		if !strings.Contains(string(raw), c) {
			t.Errorf("policy lacks condition %s:\n%s", c, raw)
		}
	}
}

func TestSignRefusesBadPolicies(t *testing.T) {
	base := func() *Builder { return New().Bucket("b").Key("k").ContentLengthRange(0, 10) }
	tests := []struct {
		name  string
		b     *Builder
		creds signer.Credentials
		want  string
	}{
		{"no bucket", New().Key("k").ContentLengthRange(0, 1), testCreds, "bucket is required"},
		{"no key", New().Bucket("b").ContentLengthRange(0, 1), testCreds, "key or key prefix is required"},
		{"empty prefix", New().Bucket("b").KeyPrefix("").ContentLengthRange(0, 1), testCreds, "would allow any key"},
		{"key and prefix", base().KeyPrefix("p/"), testCreds, "set twice"},
		{"no size range", New().Bucket("b").Key("k"), testCreds, "content length range is required"},
		{"min > max", New().Bucket("b").Key("k").ContentLengthRange(11, 10), testCreds, "0 <= min <= max"},
		{"negative min", New().Bucket("b").Key("k").ContentLengthRange(-1, 10), testCreds, "0 <= min <= max"},
		{"expired already", base().Expires(testNow), testCreds, "not after now"},
		{"beyond default cap", base().Expires(testNow.Add(time.Hour + time.Second)), testCreds, "the maximum is 1h0m0s"},
		{"cap beyond 7 days", base().MaxLifetime(8 * 24 * time.Hour), testCreds, "max lifetime"},
		{"bad status", base().SuccessActionStatus(302), testCreds, "success_action_status"},
		{"bad meta name", base().Meta("owner", "x"), testCreds, "x-oss-meta-"},
		{"no secret", base(), signer.Credentials{AccessKeyID: "id"}, "access key id and secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.b.Sign(tt.creds, "cn-hangzhou", testNow)
			if !isCode(err, CodeInvalidArgument) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Sign err = %v; want InvalidArgument mentioning %q", err, tt.want)
			}
		})
	}
	// A raised cap admits a longer form, up to the cap exactly.
	if _, err := base().MaxLifetime(7*24*time.Hour).Expires(testNow.Add(7*24*time.Hour)).Sign(testCreds, "cn-hangzhou", testNow); err != nil {
		t.Errorf("7-day form with 7-day cap: %v", err)
	}
}

func TestSignedFormEvaluatesWithMetaAndExactKey(t *testing.T) {
	f, err := New().Bucket("b").Key("exact/key.txt").ContentLengthRange(0, 5).ContentType("text/plain").
		Meta("X-OSS-Meta-Owner", "zoë").Sign(signer.Credentials{AccessKeyID: testCreds.AccessKeyID, AccessKeySecret: testCreds.AccessKeySecret}, "cn-hangzhou", testNow)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	res, err := Evaluate(Submission{Bucket: "b", Fields: f.Fields, FileSize: 5}, testNow.Add(DefaultLifetime), lookup)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	if res.Key != "exact/key.txt" || res.ContentType != "text/plain" || res.Fields["x-oss-meta-owner"] != "zoë" || res.SecurityToken != "" {
		t.Errorf("Result = %+v", res)
	}
	f.Fields["key"] = "exact/key.txt2"
	if _, err := Evaluate(Submission{Bucket: "b", Fields: f.Fields, FileSize: 5}, testNow, lookup); !isCode(err, CodeAccessDenied) {
		t.Errorf("key changed: err = %v; want AccessDenied", err)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
