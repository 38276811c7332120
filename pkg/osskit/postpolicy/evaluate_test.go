package postpolicy

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

var (
	testNow   = time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	testCreds = signer.Credentials{AccessKeyID: "LTAI5tUploadKey", AccessKeySecret: "s3cr3t/Secret+Value=", SecurityToken: "CAIS-sts-token-value"}
)

func lookup(id string) (string, bool) {
	if id == testCreds.AccessKeyID {
		return testCreds.AccessKeySecret, true
	}
	return "", false
}

// typicalForm is the policy the post-policy function hands a browser.
func typicalForm(t testing.TB) Form {
	t.Helper()
	f, err := New().Bucket("uploads").KeyPrefix("users/42/").ContentLengthRange(1, 1024).
		ContentTypeIn("image/jpeg", "image/png").SuccessActionStatus(201).ForbidOverwrite(true).
		Expires(testNow.Add(10*time.Minute)).Sign(testCreds, "cn-hangzhou", testNow)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	return f
}

func TestEvaluate(t *testing.T) {
	form := typicalForm(t)
	tests := []struct {
		name     string
		mutate   func(map[string]string)
		bucket   string
		size     int64
		fileType string
		at       time.Time
		wantCode string
		wantMsg  string
	}{
		{name: "size exactly max accepted", size: 1024},
		{name: "size exactly min accepted", size: 1},
		{name: "size max+1 rejected", size: 1025, wantCode: CodeEntityTooLarge},
		{name: "size min-1 rejected", size: 0, wantCode: CodeEntityTooSmall},
		{name: "key exactly the prefix", mutate: func(m map[string]string) { m["key"] = "users/42/" }},
		{name: "key under the prefix", mutate: func(m map[string]string) { m["key"] = "users/42/a/b.jpg" }},
		{name: "key outside the prefix", mutate: func(m map[string]string) { m["key"] = "users/43/a.jpg" }, wantCode: CodeAccessDenied,
			wantMsg: `Policy Condition failed: ["starts-with","$key","users/42/"]`},
		{name: "key missing", mutate: func(m map[string]string) { delete(m, "key") }, wantCode: CodeInvalidArgument},
		{name: "expires exactly now accepted", at: testNow.Add(10 * time.Minute)},
		{name: "expired by 1 s", at: testNow.Add(10*time.Minute + time.Second), wantCode: CodeAccessDenied,
			wantMsg: "Invalid according to Policy: Policy expired."},
		{name: "wrong bucket", bucket: "other", wantCode: CodeAccessDenied},
		{name: "content type not in list", fileType: "text/html", wantCode: CodeAccessDenied},
		{name: "content type field overrides file part", fileType: "text/html",
			mutate: func(m map[string]string) { m["Content-Type"] = "image/png" }},
		{name: "x-oss-content-type beats content-type", mutate: func(m map[string]string) {
			m["Content-Type"] = "image/png"
			m["x-oss-content-type"] = "text/html"
		}, wantCode: CodeAccessDenied, wantMsg: `["in","$content-type",["image/jpeg","image/png"]]`},
		{name: "x-oss-content-type beats file part", fileType: "text/html", mutate: func(m map[string]string) { m["x-oss-content-type"] = "image/png" }},
		{name: "extra unlisted field rejected", mutate: func(m map[string]string) { m["x-oss-object-acl"] = "public-read" }, wantCode: CodeAccessDenied,
			wantMsg: "Extra input fields: x-oss-object-acl"},
		{name: "forbid overwrite flipped", mutate: func(m map[string]string) { m["x-oss-forbid-overwrite"] = "false" }, wantCode: CodeAccessDenied},
		{name: "success status changed", mutate: func(m map[string]string) { m["success_action_status"] = "200" }, wantCode: CodeAccessDenied},
		{name: "token swapped", mutate: func(m map[string]string) { m["x-oss-security-token"] = "other-token" }, wantCode: CodeAccessDenied,
			wantMsg: `{"x-oss-security-token":"(redacted)"}`},
		{name: "field names case-insensitive", mutate: func(m map[string]string) { m["Policy"] = m["policy"]; delete(m, "policy") }},
		{name: "tampered policy", mutate: func(m map[string]string) { m["policy"] = tamper(t, m["policy"]) }, wantCode: CodeSignatureDoesNotMatch},
		{name: "tampered signature", mutate: func(m map[string]string) { m["x-oss-signature"] = strings.Repeat("0", 64) }, wantCode: CodeSignatureDoesNotMatch},
		{name: "unknown access key", mutate: func(m map[string]string) {
			m["x-oss-credential"] = strings.Replace(m["x-oss-credential"], testCreds.AccessKeyID, "LTAIunknown", 1)
		}, wantCode: CodeInvalidAccessKeyID},
		{name: "credential date differs from x-oss-date", mutate: func(m map[string]string) {
			m["x-oss-credential"] = strings.Replace(m["x-oss-credential"], "20261122", "20261121", 1)
		}, wantCode: CodeInvalidArgument},
		{name: "policy not base64 but signed", mutate: func(m map[string]string) { resign(m, "%%%") }, wantCode: CodeInvalidPolicyDocument},
		{name: "x-oss-date 16 min in future", at: testNow.Add(-16 * time.Minute), wantCode: CodeRequestTimeTooSkewed},
		{name: "unsigned form", mutate: func(m map[string]string) { clear(m); m["key"] = "users/42/a.jpg" }, wantCode: CodeAccessDenied},
		{name: "V4 and V1 together", mutate: func(m map[string]string) { m["OSSAccessKeyId"] = testCreds.AccessKeyID }, wantCode: CodeInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := maps.Clone(form.Fields)
			fields["key"] = "users/42/photo.jpg"
			if tt.mutate != nil {
				tt.mutate(fields)
			}
			sub := Submission{Bucket: "uploads", Fields: fields, FileSize: 512, FileContentType: "image/jpeg"}
			if tt.bucket != "" {
				sub.Bucket = tt.bucket
			}
			if tt.size != 0 || strings.Contains(tt.name, "min-1") {
				sub.FileSize = tt.size
			}
			if tt.fileType != "" {
				sub.FileContentType = tt.fileType
			}
			at := testNow.Add(time.Minute)
			if !tt.at.IsZero() {
				at = tt.at
			}
			res, err := Evaluate(sub, at, lookup)
			var pe *Error
			switch {
			case tt.wantCode == "" && err != nil:
				t.Fatalf("Evaluate: %v; want accepted", err)
			case tt.wantCode == "":
				if res.Key != fields["key"] && res.Key != fields["Key"] || res.Version != VersionV4 || res.SecurityToken != testCreds.SecurityToken {
					t.Errorf("Result = key %q version %q; want key %q V4 with token", res.Key, res.Version, fields["key"])
				}
			case !errors.As(err, &pe):
				t.Fatalf("err = %v; want *Error %s", err, tt.wantCode)
			case pe.Code != tt.wantCode:
				t.Fatalf("code = %s (%s); want %s", pe.Code, pe.Message, tt.wantCode)
			case !strings.Contains(pe.Message, tt.wantMsg):
				t.Fatalf("message = %q; want it to contain %q", pe.Message, tt.wantMsg)
			default:
				assertNoSecrets(t, pe.Message, fields)
			}
		})
	}
}

// tamper rewrites the policy's size cap, keeping it valid base64 JSON.
func tamper(t *testing.T, b64 string) string {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(raw), `"content-length-range",1,1024`, `"content-length-range",1,1048576000`, 1)
	if s == string(raw) {
		t.Fatalf("tamper found nothing to change in %s", raw)
	}
	return base64.StdEncoding.EncodeToString([]byte(s))
}

// resign replaces the policy and signs it properly, to reach the parser.
func resign(m map[string]string, policy string) {
	m["policy"] = policy
	m["x-oss-signature"] = signer.SignPostPolicy(policy, testCreds, "cn-hangzhou", testNow)
}

func assertNoSecrets(t *testing.T, msg string, fields map[string]string) {
	t.Helper()
	for _, secret := range []string{testCreds.AccessKeySecret, testCreds.SecurityToken, fields["x-oss-signature"]} {
		if secret != "" && strings.Contains(msg, secret) {
			t.Errorf("message %q leaks a secret", msg)
		}
	}
}

func TestEvaluateV1(t *testing.T) {
	doc := `{"expiration":"2026-11-22T02:00:00.000Z","conditions":[{"bucket":"uploads"},["starts-with","$key","v1/"],["content-length-range",0,10]]}`
	policy := base64.StdEncoding.EncodeToString([]byte(doc))
	h := hmac.New(sha1.New, []byte(testCreds.AccessKeySecret))
	h.Write([]byte(policy))
	sig := base64.StdEncoding.EncodeToString(h.Sum(nil))
	fields := map[string]string{"OSSAccessKeyId": testCreds.AccessKeyID, "policy": policy, "Signature": sig,
		"key": "v1/a.txt", "x-oss-security-token": "tok"}
	res, err := Evaluate(Submission{Bucket: "uploads", Fields: fields, FileSize: 10}, testNow, lookup)
	if err != nil {
		t.Fatalf("Evaluate V1: %v", err)
	}
	if res.Version != VersionV1 || res.Key != "v1/a.txt" || res.SecurityToken != "tok" {
		t.Errorf("Result = %+v", res)
	}
	fields["Signature"] = base64.StdEncoding.EncodeToString(make([]byte, 20))
	if _, err := Evaluate(Submission{Bucket: "uploads", Fields: fields, FileSize: 10}, testNow, lookup); !isCode(err, CodeSignatureDoesNotMatch) {
		t.Errorf("wrong V1 signature: err = %v; want SignatureDoesNotMatch", err)
	}
}

func isCode(err error, code string) bool {
	var pe *Error
	return errors.As(err, &pe) && pe.Code == code
}
