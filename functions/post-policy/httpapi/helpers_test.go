package httpapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"encoding/xml"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// Test fixtures: an STS key pair the emulator accepts as temporary
// credentials, the HS256 secret callers' tokens are signed with, and the
// pinned start time.
var (
	t0       = time.Date(2026, 11, 22, 1, 2, 3, 0, time.UTC)
	stsCreds = signer.Credentials{AccessKeyID: "STS.NUpostPolicyTest", AccessKeySecret: "sts-secret/for+post-policy=",
		SecurityToken: "CAISpostPolicyTestSecurityToken0123456789abcdef"}
	jwtSecret = []byte("post-policy-test-hs256-secret-32-bytes!!")
)

const (
	testIssuer   = "https://idp.example.com/"
	testAudience = "ossflow-upload"
	testOrigin   = "http://app.example.com"
	testBucket   = "photos"
	testMaxSize  = 1024
)

// clock is a settable clock shared by the function and the emulator.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time)     { c.mu.Lock(); c.now = t; c.mu.Unlock() }
func (c *clock) Add(d time.Duration) { c.Set(c.Now().Add(d)) }

// env is one function wired to one emulator, as in the local cloud.
type env struct {
	emu   *ossemutest.Server
	fn    *httptest.Server
	clock *clock
	logs  *syncBuffer
}

// newEnv starts the emulator (which accepts stsCreds until t0 + 1 h), a
// post-policy handler signing with stsCreds, and serves it behind CORS for
// testOrigin. extraOrigins are allowed too (the browser test's page).
func newEnv(t testing.TB, cfg grant.Config, extraOrigins ...string) *env {
	t.Helper()
	return newEnvFront(t, cfg, nil, extraOrigins...)
}

// newEnvFront is newEnv with the emulator served behind front (the browser
// test's bucket CORS rule); the grants then point at that server.
func newEnvFront(t testing.TB, cfg grant.Config, front func(http.Handler) http.Handler, extraOrigins ...string) *env {
	t.Helper()
	e := &env{clock: &clock{now: t0}, logs: &syncBuffer{}}
	e.emu = ossemutest.NewServer(t, func(c *ossemu.Config) {
		c.Clock = e.clock.Now
		c.TempCredentials = func(id string) (ossemu.TempCredential, bool) {
			return ossemu.TempCredential{Secret: stsCreds.AccessKeySecret, SecurityToken: stsCreds.SecurityToken, Expires: t0.Add(time.Hour)},
				id == stsCreds.AccessKeyID
		}
	})
	e.emu.MustBucket(t, testBucket)
	endpoint := e.emu.URL
	if front != nil {
		fs := httptest.NewServer(front(e.emu.Server))
		t.Cleanup(fs.Close)
		endpoint = fs.URL
	}
	cfg.Bucket, cfg.Region, cfg.Endpoint, cfg.PathStyle = testBucket, e.emu.Region, endpoint, true
	if cfg.MaxSize == 0 {
		cfg.MaxSize = testMaxSize
	}
	m, err := grant.NewMinter(cfg, rand.Reader)
	if err != nil {
		t.Fatalf("NewMinter: %v", err)
	}
	h := e.handler(t, m)
	cors, err := callerauth.NewCORS(callerauth.CORSConfig{AllowedOrigins: append([]string{testOrigin}, extraOrigins...)})
	if err != nil {
		t.Fatalf("NewCORS: %v", err)
	}
	logger := zerolog.New(e.logs)
	e.fn = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cors.Handler(h).ServeHTTP(w, r.WithContext(logger.WithContext(r.Context())))
	}))
	t.Cleanup(e.fn.Close)
	return e
}

// newAuth is the real caller authentication, HS256 with jwtSecret.
func newAuth(t testing.TB, now func() time.Time) *callerauth.Authenticator {
	t.Helper()
	auth, err := callerauth.New(callerauth.Config{Issuer: testIssuer, Audiences: []string{testAudience}, HS256Secret: jwtSecret},
		callerauth.Deps{Clock: now})
	if err != nil {
		t.Fatalf("callerauth.New: %v", err)
	}
	return auth
}

func (e *env) handler(t testing.TB, m Minter) http.Handler {
	t.Helper()
	h, err := New(Deps{Auth: newAuth(t, e.clock.Now), Grants: m, Clock: e.clock.Now,
		Credentials: func(context.Context) (signer.Credentials, error) { return stsCreds, nil }})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return h
}

// token is a bearer token for sub, valid for a day from t0.
func token(t testing.TB, sub string) string {
	t.Helper()
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: jwtSecret}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwt.Signed(s).Claims(jwt.Claims{Subject: sub, Issuer: testIssuer, Audience: jwt.Audience{testAudience},
		IssuedAt: jwt.NewNumericDate(t0), Expiry: jwt.NewNumericDate(t0.Add(24 * time.Hour))}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// call sends method path with sub's token (none if sub is "") and body,
// and decodes a JSON answer into out when out is non-nil.
func (e *env) call(t testing.TB, method, path, sub, body string, out any) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, e.fn.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", testOrigin)
	if sub != "" {
		req.Header.Set("Authorization", "Bearer "+token(t, sub))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: status %d, body %q: %v", method, path, resp.StatusCode, data, err)
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return resp
}

// mint asks the function for an upload grant and fails t unless it is 200.
func (e *env) mint(t testing.TB, sub, mode, contentType string) grant.Grant {
	t.Helper()
	var g grant.Grant
	body := `{"filename":"holiday photo.jpg","contentType":"` + contentType + `","mode":"` + mode + `"}`
	if resp := e.call(t, http.MethodPost, "/", sub, body, &g); resp.StatusCode != http.StatusOK {
		t.Fatalf("mint: status = %d; want 200", resp.StatusCode)
	}
	return g
}

// postForm posts fields and a file the way a browser submits a FormData:
// multipart/form-data, fields first, the file part last with its file name
// and the file's own type.
func postForm(t testing.TB, url string, fields map[string]string, fileType string, content []byte) (int, ossError) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if err := mw.WriteField(k, fields[k]); err != nil {
			t.Fatal(err)
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="holiday photo.jpg"`)
	h.Set("Content-Type", fileType)
	part, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, url, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(t, req)
}

// ossError is an OSS XML error body (or the empty value for success).
type ossError struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

func do(t testing.TB, req *http.Request) (int, ossError) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var oe ossError
	if resp.StatusCode >= 300 {
		_ = xml.Unmarshal(data, &oe)
	}
	return resp.StatusCode, oe
}

// syncBuffer collects log lines from concurrent requests.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.buf.String() }

func clone(m map[string]string) map[string]string { return maps.Clone(m) }
