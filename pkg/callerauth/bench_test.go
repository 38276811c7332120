package callerauth

import (
	"testing"

	"github.com/go-jose/go-jose/v4"
)

// benchAuth measures a whole Authenticate call (header parsing, JWT
// parsing, cached key lookup, signature check, claims, SafeSegment) with
// the JWK set already fetched.
func benchAuth(b *testing.B, cfg Config, token string, client func() *jwksServer) {
	var a *Authenticator
	if client != nil {
		srv := client()
		cfg.JWKSURL = srv.URL
		a = newAuth(b, cfg, srv.Client())
	} else {
		a = newAuth(b, cfg, nil)
	}
	r := bearerRequest(token)
	if _, err := a.AuthenticateAt(r, testNow); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.AuthenticateAt(r, testNow); err != nil {
			b.Fatal(err)
		}
	}
}

// uncached verifies the signature on every call: the cost of a token seen
// for the first time.
func uncached() Config {
	cfg := baseConfig()
	cfg.DisableTokenCache = true
	return cfg
}

func BenchmarkAuthenticateRS256(b *testing.B) {
	k1, _, _, _ := keys(b)
	benchAuth(b, uncached(), signWith(b, k1, goodClaims()), func() *jwksServer { return newJWKSServer(b, k1) })
}

// BenchmarkAuthenticateRS256Cached is the same token repeated: the token
// cache replaces the RSA verification with a hash and a map lookup.
func BenchmarkAuthenticateRS256Cached(b *testing.B) {
	k1, _, _, _ := keys(b)
	benchAuth(b, baseConfig(), signWith(b, k1, goodClaims()), func() *jwksServer { return newJWKSServer(b, k1) })
}

func BenchmarkAuthenticateES256(b *testing.B) {
	_, _, _, ec := keys(b)
	benchAuth(b, uncached(), signWith(b, ec, goodClaims()), func() *jwksServer { return newJWKSServer(b, ec) })
}

func BenchmarkAuthenticateHS256(b *testing.B) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	cfg := uncached()
	cfg.HS256Secret = secret
	benchAuth(b, cfg, sign(b, jose.HS256, secret, "", goodClaims()), nil)
}

func BenchmarkSafeSegment(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SafeSegment("auth0|5f7c8ec7a1b2c3d4e5f6@example.com"); err != nil {
			b.Fatal(err)
		}
	}
}
