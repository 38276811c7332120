package callerauth

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"os"
	"testing"
)

func encodeJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// flipMiddle changes a character in the middle of a base64url string; the
// last character is avoided because its low bits may be padding.
func flipMiddle(s string) string {
	i := len(s) / 2
	repl := byte('A')
	if s[i] == 'A' {
		repl = 'B'
	}
	return s[:i] + string(repl) + s[i+1:]
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// rsaN is the base64url modulus of an RSA test key, for hand-written JWKs.
func rsaN(t testing.TB, k testKey) string {
	t.Helper()
	pub, ok := k.pub.(*rsa.PublicKey)
	if !ok {
		t.Fatalf("key %s is not RSA", k.kid)
	}
	return base64.RawURLEncoding.EncodeToString(pub.N.Bytes())
}
