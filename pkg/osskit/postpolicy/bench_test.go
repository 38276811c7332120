package postpolicy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"maps"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// BenchmarkPostPolicy builds and signs the typical upload form.
func BenchmarkPostPolicy(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = typicalForm(b)
	}
}

// BenchmarkPostPolicyStdlib is the reference BenchmarkPostPolicy is
// compared with in the same run: the same form signed step by step as
// OSS's V4 form documentation describes it
// (help.aliyun.com/en/oss/developer-reference/signature-version-4-recommend):
// a map marshalled by encoding/json, base64, then the four chained
// HMAC-SHA256 key derivations and the signature with crypto/hmac on every
// call. The official Go SDK has no PostObject helper to measure instead.
func BenchmarkPostPolicyStdlib(b *testing.B) {
	exp := testNow.Add(10 * time.Minute)
	b.ReportAllocs()
	for b.Loop() {
		credential := signer.Credential(testCreds.AccessKeyID, "cn-hangzhou", testNow)
		date := signer.DateTime(testNow)
		doc, err := json.Marshal(map[string]any{
			"expiration": exp.Format(expirationFormat),
			"conditions": []any{
				map[string]string{"bucket": "uploads"},
				map[string]string{"x-oss-signature-version": signer.Algorithm},
				map[string]string{"x-oss-credential": credential},
				map[string]string{"x-oss-date": date},
				map[string]string{"x-oss-security-token": testCreds.SecurityToken},
				[]any{"starts-with", "$key", "users/42/"},
				[]any{"content-length-range", 1, 1024},
				[]any{"in", "$content-type", []string{"image/jpeg", "image/png"}},
				[]any{"eq", "$success_action_status", "201"},
				[]any{"eq", "$x-oss-forbid-overwrite", "true"},
			},
		})
		if err != nil {
			b.Fatal(err)
		}
		policy := base64.StdEncoding.EncodeToString(doc)
		key := []byte("aliyun_v4" + testCreds.AccessKeySecret)
		for _, part := range []string{testNow.Format("20060102"), "cn-hangzhou", "oss", "aliyun_v4_request"} {
			mac := hmac.New(sha256.New, key)
			mac.Write([]byte(part))
			key = mac.Sum(nil)
		}
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(policy))
		fields := map[string]string{"policy": policy, "x-oss-signature": hex.EncodeToString(mac.Sum(nil)),
			"x-oss-signature-version": signer.Algorithm, "x-oss-credential": credential, "x-oss-date": date,
			"x-oss-security-token": testCreds.SecurityToken, "key": "users/42/", "success_action_status": "201",
			"x-oss-forbid-overwrite": "true"}
		_ = fields
	}
}

// BenchmarkEvaluate checks a typical submission, as the emulator does per upload.
func BenchmarkEvaluate(b *testing.B) {
	form := typicalForm(b)
	fields := maps.Clone(form.Fields)
	fields["key"] = "users/42/photo.jpg"
	sub := Submission{Bucket: "uploads", Fields: fields, FileSize: 512, FileContentType: "image/jpeg"}
	at := testNow.Add(time.Minute)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Evaluate(sub, at, lookup); err != nil {
			b.Fatal(err)
		}
	}
}
