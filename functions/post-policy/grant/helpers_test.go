package grant

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

var (
	testNow  = time.Date(2026, 11, 22, 1, 2, 3, 0, time.UTC)
	stsCreds = signer.Credentials{AccessKeyID: "STS.NUgrantTest", AccessKeySecret: "grant/Secret+Value=",
		SecurityToken: "CAISgrantSecurityTokenValue0123456789"}
	plainCreds = signer.Credentials{AccessKeyID: "LTAI5tGrantTest", AccessKeySecret: "plain-grant-secret"}
)

// testConfig is a small deployment: bucket photos in cn-hangzhou.
func testConfig() Config {
	return Config{Bucket: "photos", Region: "cn-hangzhou"}
}

// zeroRand yields 16 zero bytes per key, so keys are predictable:
// base32 of 16 zero bytes is 26 "a"s.
func zeroRand() *bytes.Reader { return bytes.NewReader(zeros[:]) }

// zeros is shared and only ever read.
var zeros [1 << 16]byte

const zeroRandom = "aaaaaaaaaaaaaaaaaaaaaaaaaa"

func newTestMinter(t testing.TB, cfg Config) *Minter {
	t.Helper()
	m, err := NewMinter(cfg, zeroRand())
	if err != nil {
		t.Fatalf("NewMinter: %v", err)
	}
	return m
}

// policyConditions decodes a form's policy into its expiration and its
// conditions, each re-encoded as compact JSON for exact comparison.
func policyConditions(t testing.TB, policy string) (string, []string) {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(policy)
	if err != nil {
		t.Fatalf("policy is not base64: %v", err)
	}
	var doc struct {
		Expiration string            `json:"expiration"`
		Conditions []json.RawMessage `json:"conditions"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("policy JSON: %v\n%s", err, raw)
	}
	out := make([]string, len(doc.Conditions))
	for i, c := range doc.Conditions {
		out[i] = string(c)
	}
	return doc.Expiration, out
}
