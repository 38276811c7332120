package callerauth

import (
	"fmt"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/ossflow/ossflow/pkg/fault"
)

// TestTokenCacheStillExpires: a remembered token is refused once exp (plus
// leeway) passes, exactly as an unremembered one.
func TestTokenCacheStillExpires(t *testing.T) {
	k1, _, _, _ := keys(t)
	srv := newJWKSServer(t, k1)
	a := remoteAuth(t, srv)
	c := goodClaims()
	c.Exp = testNow.Add(2 * time.Minute)
	token := signWith(t, k1, c)
	for _, at := range []time.Duration{0, time.Minute, 2*time.Minute + 59*time.Second} {
		if _, err := a.AuthenticateAt(bearerRequest(token), testNow.Add(at)); err != nil {
			t.Fatalf("at +%s: %v; want success (exp +2m, leeway 60s)", at, err)
		}
	}
	_, err := a.AuthenticateAt(bearerRequest(token), testNow.Add(3*time.Minute+time.Second))
	if fault.PublicMessage(err) != "token has expired" {
		t.Fatalf("at +3m1s: error %v; want token has expired", err)
	}
}

// TestTokenCacheBoundsKeyRemoval: after its key leaves the JWK set, a
// remembered token keeps working for at most TokenCacheTTL.
func TestTokenCacheBoundsKeyRemoval(t *testing.T) {
	k1, k2, _, _ := keys(t)
	srv := newJWKSServer(t, k1, k2)
	cfg := baseConfig()
	cfg.JWKSURL = srv.URL
	cfg.JWKSMaxAge = time.Minute
	cfg.TokenCacheTTL = 5 * time.Minute
	a := newAuth(t, cfg, srv.Client())
	c := goodClaims()
	c.Exp = testNow.Add(time.Hour)
	token := signWith(t, k1, c)
	if _, err := a.AuthenticateAt(bearerRequest(token), testNow); err != nil {
		t.Fatal(err)
	}
	srv.publish(t, k2)
	// Force a set refresh with another token, so only the cache holds k1's token.
	if _, err := a.AuthenticateAt(bearerRequest(signWith(t, k2, c)), testNow.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AuthenticateAt(bearerRequest(token), testNow.Add(4*time.Minute)); err != nil {
		t.Errorf("within TokenCacheTTL: %v; want the remembered token accepted", err)
	}
	_, err := a.AuthenticateAt(bearerRequest(token), testNow.Add(6*time.Minute))
	if fault.PublicMessage(err) != "token is signed by an unknown key" {
		t.Errorf("after TokenCacheTTL: %v; want token is signed by an unknown key", err)
	}
}

func TestTokenCacheClaimsAreCopies(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	cfg := baseConfig()
	cfg.HS256Secret = secret
	a := newAuth(t, cfg, nil)
	token := sign(t, "HS256", secret, "", goodClaims())
	id, err := a.AuthenticateAt(bearerRequest(token), testNow)
	if err != nil {
		t.Fatal(err)
	}
	id.Claims["sub"] = "mallory"
	id, err = a.AuthenticateAt(bearerRequest(token), testNow)
	if err != nil || id.Claims["sub"] != "alice" || id.Subject != "alice" {
		t.Fatalf("second call: %+v, %v; want sub alice untouched", id, err)
	}
}

func TestTokenCacheIsBounded(t *testing.T) {
	c := newTokenCache(8, time.Minute)
	std := jwt.Claims{Expiry: jwt.NewNumericDate(testNow.Add(time.Hour))}
	for i := range 100 {
		c.put(fmt.Sprintf("token-%d", i), testNow, std, map[string]any{"sub": "x"})
	}
	if n := len(c.entries); n != 8 {
		t.Errorf("entries = %d; want 8", n)
	}
	if _, ok := c.get("token-99", testNow, jwt.Expected{Time: testNow}, 0); !ok {
		t.Errorf("latest token missing from the cache")
	}
	if _, ok := c.get("token-99", testNow.Add(time.Minute), jwt.Expected{Time: testNow}, 0); ok {
		t.Errorf("token served after its ttl")
	}
}
