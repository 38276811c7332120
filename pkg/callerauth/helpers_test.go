package callerauth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

const (
	testIssuer   = "https://idp.example.com/"
	testAudience = "ossflow-upload"
	testRealm    = "ossflow"
)

// testNow is the fixed instant every token is judged at.
var testNow = time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)

// testKey is a signing key with the kid it is published under.
type testKey struct {
	kid  string
	alg  jose.SignatureAlgorithm
	priv any
	pub  any
}

var (
	keysOnce                       sync.Once
	rsaKey1, rsaKey2, rsaStray, ec testKey
)

// keys generates the test keys once per test binary; RSA generation is
// the slowest step of the suite.
func keys(t testing.TB) (k1, k2, stray, ecKey testKey) {
	t.Helper()
	keysOnce.Do(func() {
		gen := func(kid string) testKey {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic(err)
			}
			return testKey{kid: kid, alg: jose.RS256, priv: k, pub: &k.PublicKey}
		}
		rsaKey1, rsaKey2, rsaStray = gen("rsa-1"), gen("rsa-2"), gen("rsa-1")
		e, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		ec = testKey{kid: "ec-1", alg: jose.ES256, priv: e, pub: &e.PublicKey}
	})
	return rsaKey1, rsaKey2, rsaStray, ec
}

// claims are the claims a test token carries; zero times are left out.
type claims struct {
	Sub, Iss string
	Aud      []string
	Exp, Nbf time.Time
	Extra    map[string]any
}

func goodClaims() claims {
	return claims{Sub: "alice", Iss: testIssuer, Aud: []string{testAudience}, Exp: testNow.Add(10 * time.Minute)}
}

func (c claims) jwt() (jwt.Claims, map[string]any) {
	std := jwt.Claims{Subject: c.Sub, Issuer: c.Iss, Audience: c.Aud, IssuedAt: jwt.NewNumericDate(testNow.Add(-time.Minute))}
	if !c.Exp.IsZero() {
		std.Expiry = jwt.NewNumericDate(c.Exp)
	}
	if !c.Nbf.IsZero() {
		std.NotBefore = jwt.NewNumericDate(c.Nbf)
	}
	return std, c.Extra
}

// sign makes a compact JWT signed with key under alg, with kid in the header.
func sign(t testing.TB, alg jose.SignatureAlgorithm, key any, kid string, c claims) string {
	t.Helper()
	opts := (&jose.SignerOptions{}).WithType("JWT")
	if kid != "" {
		opts = opts.WithHeader("kid", kid)
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, opts)
	if err != nil {
		t.Fatalf("signer: %v", err)
	}
	std, extra := c.jwt()
	b := jwt.Signed(signer).Claims(std)
	if extra != nil {
		b = b.Claims(extra)
	}
	tok, err := b.Serialize()
	if err != nil {
		t.Fatalf("serialize: %v", err)
	}
	return tok
}

func signWith(t testing.TB, k testKey, c claims) string { return sign(t, k.alg, k.priv, k.kid, c) }

// unsignedToken builds an "alg": "none" token by hand: no library makes one.
func unsignedToken(t testing.TB, c claims) string {
	t.Helper()
	std, _ := c.jwt()
	payload, err := json.Marshal(std)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"none","typ":"JWT","kid":"rsa-1"}`)) + "." + enc(payload) + "."
}

// publicPEM is the PEM text of an RSA public key: the "secret" an
// algorithm-confusion attacker uses to sign HS256 tokens.
func publicPEM(t testing.TB, pub any) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// jwksJSON publishes the public halves of keys as a JWK set.
func jwksJSON(t testing.TB, keys ...testKey) []byte {
	t.Helper()
	set := jose.JSONWebKeySet{}
	for _, k := range keys {
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: k.pub, KeyID: k.kid, Algorithm: string(k.alg), Use: "sig"})
	}
	b, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// jwksServer is an HTTPS identity provider whose key set can change and
// which counts how often it is asked for it.
type jwksServer struct {
	*httptest.Server
	body    atomic.Pointer[[]byte]
	fetches atomic.Int64
	status  atomic.Int64
}

func newJWKSServer(t testing.TB, keys ...testKey) *jwksServer {
	t.Helper()
	s := &jwksServer{}
	s.publish(t, keys...)
	s.status.Store(http.StatusOK)
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fetches.Add(1)
		if code := int(s.status.Load()); code != http.StatusOK {
			w.WriteHeader(code)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(*s.body.Load())
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *jwksServer) publish(t testing.TB, keys ...testKey) {
	b := jwksJSON(t, keys...)
	s.body.Store(&b)
}

func baseConfig() Config {
	return Config{Issuer: testIssuer, Audiences: []string{testAudience}}
}

// noEnv is a LookupEnv that finds nothing.
func noEnv(string) (string, bool) { return "", false }

func envMap(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func newAuth(t testing.TB, cfg Config, client *http.Client) *Authenticator {
	t.Helper()
	a, err := New(cfg, Deps{HTTPClient: client, LookupEnv: noEnv, Clock: func() time.Time { return testNow }})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

func bearerRequest(token string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	return r
}
