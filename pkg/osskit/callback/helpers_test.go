package callback

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The key path OSS uses in production, per the callback doc
// (https://www.alibabacloud.com/help/en/oss/developer-reference/callback)
// and the official samples' x-oss-pub-key-url values.
const (
	keyPath   = "/callback_pub_key_v1.pem"
	ossKeyURL = "http://" + DefaultKeyHost + keyPath
)

var (
	keyOnce           sync.Once
	testKey, otherKey *rsa.PrivateKey
	testPEM           []byte
)

// keys returns two RSA keys generated once per test binary: testKey signs
// like OSS, otherKey plays a forger.
func keys(tb testing.TB) (*rsa.PrivateKey, *rsa.PrivateKey, []byte) {
	tb.Helper()
	keyOnce.Do(func() {
		var err error
		if testKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
		if otherKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
		der, err := x509.MarshalPKIXPublicKey(&testKey.PublicKey)
		if err != nil {
			panic(err)
		}
		testPEM = pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	})
	return testKey, otherKey, testPEM
}

// keyServer is an httptest server standing in for gosspublic.alicdn.com.
// Its handler mux can be extended per test; fetches counts key downloads.
type keyServer struct {
	*httptest.Server
	mux     *http.ServeMux
	fetches atomic.Int64
}

func newKeyServer(t *testing.T, tls bool) *keyServer {
	t.Helper()
	_, _, pemBytes := keys(t)
	return newKeyServerFor(t, tls, pemBytes)
}

// newKeyServerFor serves pemBytes at keyPath.
func newKeyServerFor(t *testing.T, tls bool, pemBytes []byte) *keyServer {
	t.Helper()
	ks := &keyServer{mux: http.NewServeMux()}
	ks.mux.HandleFunc(keyPath, func(w http.ResponseWriter, r *http.Request) {
		ks.fetches.Add(1)
		w.Write(pemBytes)
	})
	if tls {
		ks.Server = httptest.NewTLSServer(ks.mux)
	} else {
		ks.Server = httptest.NewServer(ks.mux)
	}
	t.Cleanup(ks.Close)
	return ks
}

// client returns an http.Client that dials this server whatever host the
// URL names, so key URLs can use the production host name while the network
// stays on loopback. For TLS it verifies the server's test certificate,
// which httptest issues for example.com.
func (ks *keyServer) client() *http.Client {
	base := ks.Server.Client().Transport.(*http.Transport).Clone()
	addr := ks.Listener.Addr().String()
	base.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	if base.TLSClientConfig != nil {
		base.TLSClientConfig.ServerName = "example.com"
	}
	return &http.Client{Transport: base}
}

// fakeClock is a settable clock for the key cache TTL.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// plainConfig is DefaultConfig without the https upgrade, for the plain
// httptest server.
func plainConfig() Config {
	c := DefaultConfig()
	c.UpgradeHTTP = false
	return c
}

func newTestVerifier(t testing.TB, cfg Config, client *http.Client, clock *fakeClock) *Verifier {
	t.Helper()
	var now func() time.Time
	if clock != nil {
		now = clock.Now
	}
	v, err := NewVerifier(cfg, client, now)
	if err != nil {
		t.Fatalf("NewVerifier: %v", err)
	}
	return v
}

// signedRequest builds a callback request as OSS sends it: target is the
// request-target (path and query as on the wire), signed with key, naming
// keyURL.
func signedRequest(t testing.TB, key *rsa.PrivateKey, keyURL, target string, body []byte) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	auth, err := Sign(key, r.URL.EscapedPath(), r.URL.RawQuery, body)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	r.Header.Set(HeaderAuthorization, auth)
	r.Header.Set(HeaderPubKeyURL, base64.StdEncoding.EncodeToString([]byte(keyURL)))
	r.Header.Set("Content-Type", BodyTypeForm)
	return r
}
