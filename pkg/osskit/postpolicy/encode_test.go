package postpolicy

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// referenceMarshal is how MarshalJSON was written before the hand-made
// encoder: encoding/json over Condition.jsonValue, HTML escaping off. The
// encoder must reproduce it byte for byte.
func referenceMarshal(t testing.TB, p Policy) []byte {
	t.Helper()
	conds := make([]any, 0, len(p.Conditions))
	for _, c := range p.Conditions {
		conds = append(conds, c.jsonValue())
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		Expiration string `json:"expiration"`
		Conditions []any  `json:"conditions"`
	}{p.Expiration.UTC().Format(expirationFormat), conds})
	if err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// TestSignPolicyBytesPinned pins the policy and signature Sign produced
// before the encoder and the key cache were introduced (commit a5930c7,
// encoding/json and an uncached key chain), for a typical STS form and for
// one whose values need every kind of escape.
func TestSignPolicyBytesPinned(t *testing.T) {
	now := time.Date(2026, 11, 21, 23, 59, 59, 0, time.UTC)
	sts := signer.Credentials{AccessKeyID: "STS.NUxyz", AccessKeySecret: "sts/Secret+=", SecurityToken: "CAIS+tok/en=="}
	plain := signer.Credentials{AccessKeyID: "LTAI5tPlain", AccessKeySecret: "plain-secret"}
	tests := []struct {
		name        string
		b           *Builder
		creds       signer.Credentials
		policy, sig string
	}{
		{"typical STS form", New().Bucket("uploads").KeyPrefix("users/42/").ContentLengthRange(1, 10<<20).
			ContentTypeIn("image/jpeg", "image/png").SuccessActionStatus(201).ForbidOverwrite(true), sts,
			"eyJleHBpcmF0aW9uIjoiMjAyNi0xMS0yMlQwMDoyOTo1OS4wMDFaIiwiY29uZGl0aW9ucyI6W3siYnVja2V0IjoidXBsb2FkcyJ9LHsieC1vc3Mtc2lnbmF0dXJlLXZlcnNpb24iOiJPU1M0LUhNQUMtU0hBMjU2In0seyJ4LW9zcy1jcmVkZW50aWFsIjoiU1RTLk5VeHl6LzIwMjYxMTIxL2NuLWhhbmd6aG91L29zcy9hbGl5dW5fdjRfcmVxdWVzdCJ9LHsieC1vc3MtZGF0ZSI6IjIwMjYxMTIxVDIzNTk1OVoifSx7Ingtb3NzLXNlY3VyaXR5LXRva2VuIjoiQ0FJUyt0b2svZW49PSJ9LFsic3RhcnRzLXdpdGgiLCIka2V5IiwidXNlcnMvNDIvIl0sWyJjb250ZW50LWxlbmd0aC1yYW5nZSIsMSwxMDQ4NTc2MF0sWyJpbiIsIiRjb250ZW50LXR5cGUiLFsiaW1hZ2UvanBlZyIsImltYWdlL3BuZyJdXSxbImVxIiwiJHN1Y2Nlc3NfYWN0aW9uX3N0YXR1cyIsIjIwMSJdLFsiZXEiLCIkeC1vc3MtZm9yYmlkLW92ZXJ3cml0ZSIsInRydWUiXV19",
			"337291ae914b8f6fdbfb3685e44ee846cd41bf025b40f6d63b82dc4782d4da08"},
		{"escapes: quotes, backslash, U+2028/9, controls, DEL, invalid UTF-8, <>&", New().Bucket("b-1").Key("文件/ü & <x>.txt").ContentLengthRange(0, 5).
			ContentType("text/plain; charset=utf-8").Meta("x-oss-meta-owner", "Zoë \"q\" \\ \u2028\u2029 \x01\x1f\x7f \xff\t\n\r\b\f").
			ContentTypeNotIn("text/html"), plain,
			"eyJleHBpcmF0aW9uIjoiMjAyNi0xMS0yMlQwMDoyOTo1OS4wMDFaIiwiY29uZGl0aW9ucyI6W3siYnVja2V0IjoiYi0xIn0seyJ4LW9zcy1zaWduYXR1cmUtdmVyc2lvbiI6Ik9TUzQtSE1BQy1TSEEyNTYifSx7Ingtb3NzLWNyZWRlbnRpYWwiOiJMVEFJNXRQbGFpbi8yMDI2MTEyMS9jbi1oYW5nemhvdS9vc3MvYWxpeXVuX3Y0X3JlcXVlc3QifSx7Ingtb3NzLWRhdGUiOiIyMDI2MTEyMVQyMzU5NTlaIn0sWyJlcSIsIiRrZXkiLCLmlofku7Yvw7wgJiA8eD4udHh0Il0sWyJjb250ZW50LWxlbmd0aC1yYW5nZSIsMCw1XSxbImVxIiwiJGNvbnRlbnQtdHlwZSIsInRleHQvcGxhaW47IGNoYXJzZXQ9dXRmLTgiXSxbImVxIiwiJHgtb3NzLW1ldGEtb3duZXIiLCJab8OrIFwicVwiIFxcIFx1MjAyOFx1MjAyOSBcdTAwMDFcdTAwMWZ/IFx1ZmZmZFx0XG5cclxiXGYiXSxbIm5vdC1pbiIsIiRjb250ZW50LXR5cGUiLFsidGV4dC9odG1sIl1dXX0=",
			"f383d192e04d2d1b643a27427aeee25ccd00a6ca3450caa144b13de88dc070dc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Twice: the first signature derives the key, the second comes
			// from the cache; both must be the pinned bytes.
			for round := range 2 {
				f, err := tt.b.Expires(now.Add(30*time.Minute+1500*time.Microsecond)).Sign(tt.creds, "cn-hangzhou", now)
				if err != nil {
					t.Fatalf("Sign: %v", err)
				}
				if got := f.Fields["policy"]; got != tt.policy {
					got, _ := base64.StdEncoding.DecodeString(got)
					want, _ := base64.StdEncoding.DecodeString(tt.policy)
					t.Errorf("round %d: policy = %s; want %s", round, got, want)
				}
				if got := f.Fields["x-oss-signature"]; got != tt.sig {
					t.Errorf("round %d: x-oss-signature = %s; want %s", round, got, tt.sig)
				}
			}
		})
	}
}

// TestMarshalJSONShapes covers the shapes Sign never writes itself: nil
// and empty lists, an unknown operator, an eq without a value, no
// conditions at all.
func TestMarshalJSONShapes(t *testing.T) {
	exp := time.Date(2026, 1, 2, 3, 4, 5, 600e6, time.FixedZone("CST", 8*3600))
	tests := []struct {
		name  string
		conds []Condition
	}{
		{"no conditions", nil},
		{"nil in-list", []Condition{{Op: OpIn, Field: "content-type"}}},
		{"empty not-in list", []Condition{{Op: OpNotIn, Field: "content-type", Values: []string{}}}},
		{"eq without value", []Condition{{Op: OpEq, Field: "key"}}},
		{"object without value", []Condition{{Op: OpEq, Field: "bucket", Object: true}}},
		{"unknown operator", []Condition{{Op: "Matches<&>", Field: "k\u2029", Values: []string{"a", "b"}}}},
		{"negative range", []Condition{{Op: OpContentLengthRange, Min: -1 << 63, Max: 1<<63 - 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Policy{Expiration: exp, Conditions: tt.conds}
			got, err := p.MarshalJSON()
			if want := referenceMarshal(t, p); err != nil || !bytes.Equal(got, want) {
				t.Errorf("MarshalJSON = %s, %v; want %s", got, err, want)
			}
		})
	}
}

// FuzzEncoderMatchesEncodingJSON feeds arbitrary strings (any bytes, valid
// UTF-8 or not) and numbers through every condition shape and requires the
// encoder's bytes to equal encoding/json's.
func FuzzEncoderMatchesEncodingJSON(f *testing.F) {
	f.Add(uint8(0), "key", "users/42/", "x", int64(1), int64(10), false)
	f.Add(uint8(1), "content-type", "image/jpeg", "image/png", int64(0), int64(0), false)
	f.Add(uint8(2), "x-oss-meta-a", "<b>&\u2028\u2029\"\\\x00\x1f\x7f", "\xff\xfe\xed\xa0\x80", int64(-5), int64(7), true)
	f.Add(uint8(3), "\t\n\r\b\f", "é文\U0001F600", "\xf0\x9f\x98", int64(0), int64(1<<62), false)
	f.Fuzz(func(t *testing.T, shape uint8, field, v1, v2 string, min, max int64, object bool) {
		ops := []string{OpEq, OpStartsWith, OpIn, OpNotIn, OpContentLengthRange, v2}
		values := [][]string{nil, {}, {v1}, {v1, v2}}[int(shape/8)%4]
		c := Condition{Op: ops[int(shape)%len(ops)], Field: field, Values: values, Min: min, Max: max, Object: object}
		p := Policy{Expiration: time.Unix(min%(1<<40), 0), Conditions: []Condition{c, {Op: OpEq, Field: v1, Values: []string{field}, Object: true}}}
		got, err := p.MarshalJSON()
		if want := referenceMarshal(t, p); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("MarshalJSON(%+v)\n got %q\nwant %q", c, got, want)
		}
	})
}

// TestSignLargeFormMatchesReference signs a form too large for Sign's
// stack buffer (a long STS token, a long key and metadata) and requires
// the policy to be what encoding/json writes for the same conditions and
// the signature to be HMAC-SHA256 under the uncached derived key.
func TestSignLargeFormMatchesReference(t *testing.T) {
	creds := signer.Credentials{AccessKeyID: "STS.NUlarge", AccessKeySecret: "large/Secret+=", SecurityToken: strings.Repeat("CAIS+tok/en==", 300)}
	key := strings.Repeat("长/key<&>", 100)
	f, err := New().Bucket("b").Key(key).ContentLengthRange(1, 2).Meta("x-oss-meta-note", strings.Repeat("\u2028\"x\x00", 200)).
		Expires(testNow.Add(time.Minute)).Sign(creds, "cn-hangzhou", testNow)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	raw, err := base64.StdEncoding.DecodeString(f.Fields["policy"])
	if err != nil {
		t.Fatalf("policy is not base64: %v", err)
	}
	p, err := Parse(f.Fields["policy"])
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if want := referenceMarshal(t, p); !bytes.Equal(raw, want) {
		t.Errorf("policy = %s; want %s", raw, want)
	}
	mac := hmac.New(sha256.New, signer.SigningKey(creds.AccessKeySecret, testNow, "cn-hangzhou"))
	mac.Write([]byte(f.Fields["policy"]))
	if got, want := f.Fields["x-oss-signature"], hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Errorf("x-oss-signature = %s; want %s", got, want)
	}
}
