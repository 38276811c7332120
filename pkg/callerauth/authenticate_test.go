package callerauth

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/ossflow/ossflow/pkg/fault"
)

// authCase is one token judged by an Authenticator. A case with wantErr ==
// nil must succeed with wantSub; otherwise the error must match wantErr, be
// of kind wantKind, show wantMsg publicly and never contain the token.
type authCase struct {
	name     string
	token    string
	at       time.Time
	wantSub  string
	wantErr  error
	wantKind fault.Kind
	wantMsg  string
}

func runAuthCases(t *testing.T, a *Authenticator, cases []authCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			at := tc.at
			if at.IsZero() {
				at = testNow
			}
			id, err := a.AuthenticateAt(bearerRequest(tc.token), at)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("AuthenticateAt: %v; want subject %q", err, tc.wantSub)
				}
				if id.Subject != tc.wantSub {
					t.Errorf("Subject = %q; want %q", id.Subject, tc.wantSub)
				}
				return
			}
			if err == nil {
				t.Fatalf("AuthenticateAt accepted the token as %q; want error %v", id.Subject, tc.wantErr)
			}
			checkAuthError(t, err, tc.token, tc.wantErr, tc.wantKind, tc.wantMsg)
		})
	}
}

func checkAuthError(t *testing.T, err error, token string, want error, kind fault.Kind, msg string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("error %q does not match %v", err, want)
	}
	if got := fault.KindOf(err); got != kind {
		t.Errorf("kind = %v; want %v", got, kind)
	}
	if got := fault.PublicMessage(err); got != msg {
		t.Errorf("public message = %q; want %q", got, msg)
	}
	// The whole token, and each of its parts, must stay out of error text.
	for _, part := range append(strings.Split(token, "."), token) {
		if len(part) >= 8 && (strings.Contains(err.Error(), part) || strings.Contains(Challenge(testRealm, err), part)) {
			t.Errorf("error text contains token material %q", part)
		}
	}
}

func TestAuthenticateJWKSURL(t *testing.T) {
	k1, _, stray, ec := keys(t)
	srv := newJWKSServer(t, k1, ec)
	cfg := baseConfig()
	cfg.JWKSURL = srv.URL + "/jwks.json"
	a := newAuth(t, cfg, srv.Client())

	good := goodClaims()
	with := func(f func(*claims)) claims { c := goodClaims(); f(&c); return c }
	valid := signWith(t, k1, good)
	parts := strings.Split(valid, ".")
	tampered := parts[0] + "." + strings.TrimRight(encodeJSON(t, map[string]any{
		"sub": "mallory", "iss": testIssuer, "aud": testAudience, "exp": testNow.Add(time.Hour).Unix()}), "=") + "." + parts[2]
	badSig := parts[0] + "." + parts[1] + "." + flipMiddle(parts[2])

	runAuthCases(t, a, []authCase{
		{name: "valid RS256", token: valid, wantSub: "alice"},
		{name: "valid ES256", token: signWith(t, ec, good), wantSub: "alice"},
		{name: "expired", token: signWith(t, k1, with(func(c *claims) { c.Exp = testNow.Add(-2 * time.Minute) })),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token has expired"},
		{name: "expired within leeway", token: signWith(t, k1, with(func(c *claims) { c.Exp = testNow.Add(-30 * time.Second) })),
			wantSub: "alice"},
		{name: "not yet valid", token: signWith(t, k1, with(func(c *claims) { c.Nbf = testNow.Add(5 * time.Minute) })),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token is not valid yet"},
		{name: "nbf within leeway", token: signWith(t, k1, with(func(c *claims) { c.Nbf = testNow.Add(30 * time.Second) })),
			wantSub: "alice"},
		{name: "wrong audience", token: signWith(t, k1, with(func(c *claims) { c.Aud = []string{"other-app"} })),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token audience is not accepted"},
		{name: "one of several audiences", token: signWith(t, k1, with(func(c *claims) { c.Aud = []string{"x", testAudience} })),
			wantSub: "alice"},
		{name: "wrong issuer", token: signWith(t, k1, with(func(c *claims) { c.Iss = "https://evil.example.com/" })),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token issuer is not accepted"},
		{name: "no expiry", token: signWith(t, k1, with(func(c *claims) { c.Exp = time.Time{} })),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token has no expiry"},
		{name: "alg none", token: unsignedToken(t, good),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token is malformed or its signing algorithm is not accepted"},
		{name: "HS256 signed with the RSA public key", token: sign(t, jose.HS256, publicPEM(t, k1.pub), k1.kid, good),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token is malformed or its signing algorithm is not accepted"},
		{name: "tampered payload", token: tampered,
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token signature is invalid"},
		{name: "tampered signature", token: badSig,
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token signature is invalid"},
		{name: "known kid, other key", token: signWith(t, stray, good),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token signature is invalid"},
		{name: "RS256 under an EC key's kid", token: sign(t, jose.RS256, k1.priv, ec.kid, good),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token is signed by an unknown key"},
		{name: "no identity claim", token: signWith(t, k1, with(func(c *claims) { c.Sub = "" })),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token has no identity claim"},
		{name: "identity unusable as prefix", token: signWith(t, k1, with(func(c *claims) { c.Sub = ".." })),
			wantErr: ErrUnusableIdentity, wantKind: fault.Forbidden, wantMsg: "identity cannot be used as a storage prefix"},
		{name: "not a JWT", token: "abc.def",
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token is malformed or its signing algorithm is not accepted"},
	})
}

func TestAuthenticateIdentity(t *testing.T) {
	k1, _, _, _ := keys(t)
	srv := newJWKSServer(t, k1)
	cfg := baseConfig()
	cfg.JWKSURL = srv.URL
	cfg.IdentityClaim = "email"
	a := newAuth(t, cfg, srv.Client())
	c := goodClaims()
	c.Extra = map[string]any{"email": "Bob/Smith@example.com", "tenant": "t1"}
	id, err := a.Authenticate(bearerRequest(signWith(t, k1, c)))
	if err != nil {
		t.Fatalf("Authenticate: %v", err)
	}
	if id.Subject != "Bob/Smith@example.com" || id.Prefix != "Bob_2FSmith@example.com" {
		t.Errorf("identity = %q prefix %q; want Bob/Smith@example.com prefix Bob_2FSmith@example.com", id.Subject, id.Prefix)
	}
	if id.Claims["tenant"] != "t1" || id.Claims["sub"] != "alice" {
		t.Errorf("claims = %v; want tenant t1 and sub alice", id.Claims)
	}
}

func TestAuthenticateHS256(t *testing.T) {
	k1, _, _, _ := keys(t)
	secret := []byte("0123456789abcdef0123456789abcdef")
	cfg := baseConfig()
	cfg.HS256Secret = secret
	a := newAuth(t, cfg, nil)
	runAuthCases(t, a, []authCase{
		{name: "valid HS256", token: sign(t, jose.HS256, secret, "", goodClaims()), wantSub: "alice"},
		{name: "other secret", token: sign(t, jose.HS256, []byte("another-secret-of-32-bytes-long!"), "", goodClaims()),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token signature is invalid"},
		{name: "RS256 in HS256 mode", token: signWith(t, k1, goodClaims()),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token is malformed or its signing algorithm is not accepted"},
		{name: "alg none", token: unsignedToken(t, goodClaims()),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token is malformed or its signing algorithm is not accepted"},
	})
}

func TestAuthenticateJWKSFile(t *testing.T) {
	k1, k2, _, _ := keys(t)
	path := t.TempDir() + "/jwks.json"
	writeFile(t, path, jwksJSON(t, k1))
	cfg := baseConfig()
	cfg.JWKSFile = path
	a := newAuth(t, cfg, nil)
	runAuthCases(t, a, []authCase{
		{name: "key in file", token: signWith(t, k1, goodClaims()), wantSub: "alice"},
		{name: "key not in file", token: signWith(t, k2, goodClaims()),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token is signed by an unknown key"},
	})
}

func TestAuthenticateTrustFCJWT(t *testing.T) {
	_, _, stray, _ := keys(t)
	cfg := baseConfig()
	cfg.TrustFCJWT = true
	a := newAuth(t, cfg, nil)
	expired := goodClaims()
	expired.Exp = testNow.Add(-time.Hour)
	otherIss := goodClaims()
	otherIss.Iss = "https://evil.example.com/"
	runAuthCases(t, a, []authCase{
		// FC verified the signature; this instance has no key for it.
		{name: "verified upstream", token: signWith(t, stray, goodClaims()), wantSub: "alice"},
		{name: "expired", token: signWith(t, stray, expired),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token has expired"},
		{name: "wrong issuer", token: signWith(t, stray, otherIss),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token issuer is not accepted"},
		{name: "alg none", token: unsignedToken(t, goodClaims()),
			wantErr: ErrInvalidToken, wantKind: fault.Unauthorized, wantMsg: "token is malformed or its signing algorithm is not accepted"},
	})
}

func TestBearerHeader(t *testing.T) {
	tests := []struct {
		name    string
		headers []string
		want    string
		wantErr error
	}{
		{name: "missing", wantErr: ErrMissingToken},
		{name: "bearer", headers: []string{"Bearer abc.def-_~+/=="}, want: "abc.def-_~+/=="},
		{name: "lower-case scheme", headers: []string{"bearer abc"}, want: "abc"},
		{name: "basic scheme", headers: []string{"Basic YWxhZGRpbjpvcGVuc2VzYW1l"}, wantErr: ErrMalformedHeader},
		{name: "scheme only", headers: []string{"Bearer"}, wantErr: ErrMalformedHeader},
		{name: "empty token", headers: []string{"Bearer   "}, wantErr: ErrMalformedHeader},
		{name: "space inside", headers: []string{"Bearer abc def"}, wantErr: ErrMalformedHeader},
		{name: "quote inside", headers: []string{`Bearer abc"def`}, wantErr: ErrMalformedHeader},
		{name: "padding then text", headers: []string{"Bearer abc=d"}, wantErr: ErrMalformedHeader},
		{name: "two headers", headers: []string{"Bearer abc", "Bearer def"}, wantErr: ErrMalformedHeader},
		{name: "too long", headers: []string{"Bearer " + strings.Repeat("a", MaxTokenBytes+1)}, wantErr: ErrMalformedHeader},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := http.NewRequest(http.MethodGet, "/", nil)
			for _, h := range tc.headers {
				r.Header.Add("Authorization", h)
			}
			got, err := BearerToken(r)
			if tc.wantErr == nil {
				if err != nil || got != tc.want {
					t.Fatalf("BearerToken = %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			if !errors.Is(err, tc.wantErr) || fault.KindOf(err) != fault.Unauthorized {
				t.Fatalf("BearerToken error = %v (kind %v); want %v, unauthorized", err, fault.KindOf(err), tc.wantErr)
			}
			if fault.HTTPStatus(err) != http.StatusUnauthorized {
				t.Errorf("status = %d; want 401", fault.HTTPStatus(err))
			}
		})
	}
}
