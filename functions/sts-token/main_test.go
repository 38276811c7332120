package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/ossflow/ossflow/localstack/stsemu"
	"github.com/ossflow/ossflow/pkg/callerauth"
)

// Fixtures for the emulator, not credentials for any account.
const (
	fnKeyID     = "LTAI5tStsTokenMain"
	fnKeySecret = "sts-token-main-fn-secret"
	hsSecret    = "a-main-test-hs256-secret-of-32-bytes!"
	role        = "acs:ram::1234567890123456:role/ossflow-upload"
)

func baseEnv(stsEndpoint string) map[string]string {
	return map[string]string{
		"OSSFLOW_REGION": "cn-hangzhou", "OSSFLOW_BUCKET": "ossflow-uploads", "OSSFLOW_STS_ROLE_ARN": role,
		"OSSFLOW_STS_ENDPOINT": stsEndpoint, "OSSFLOW_STS_PROTOCOL": "http", "OSSFLOW_OSS_ENDPOINT": "http://127.0.0.1:9",
		callerauth.EnvIssuer: "https://idp.example.com/", callerauth.EnvAudiences: "ossflow-upload",
		callerauth.EnvHS256Secret: hsSecret, callerauth.EnvCORSOrigins: "https://app.example.com",
	}
}

// TestSetup wires the function from a complete environment and names every
// bad variable of an incomplete one, without quoting secrets.
func TestSetup(t *testing.T) {
	for k, v := range baseEnv("127.0.0.1:9") {
		t.Setenv(k, v)
	}
	if h, err := setup(context.Background()); err != nil || h == nil {
		t.Fatalf("setup = %v, %v; want a handler", h, err)
	}
	t.Setenv("OSSFLOW_BUCKET", "")
	t.Setenv("OSSFLOW_STS_PROFILES", "upload,everything")
	_, err := setup(context.Background())
	for _, want := range []string{"OSSFLOW_BUCKET", "OSSFLOW_STS_PROFILES"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("setup err = %v; want it to name %s", err, want)
		}
	}
	if err != nil && strings.Contains(err.Error(), hsSecret) {
		t.Error("setup error quotes the HS256 secret")
	}
}

// TestBinary builds the function, starts it as the local cloud would (its
// own credentials in ALIBABA_CLOUD_* variables), asks it for credentials
// over loopback and reports the cold start: exec to first good response.
// Its logs must hold none of the secrets it handled.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	emu, err := stsemu.New(stsemu.Config{
		Roles: []stsemu.Role{{ARN: role,
			TrustPolicy:        `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1234567890123456:root"}}]}`,
			PermissionPolicies: []string{`{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":"*"}]}`}}},
		Callers: map[string]stsemu.Caller{fnKeyID: {Secret: fnKeySecret, Principal: "acs:ram::1234567890123456:user/fn"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	stsHTTP := httptest.NewServer(emu)
	defer stsHTTP.Close()

	bin := filepath.Join(t.TempDir(), "sts-token")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	addr := freeAddr(t)
	cmd := exec.Command(bin, "-listen", addr)
	env := append(os.Environ(), "ALIBABA_CLOUD_ACCESS_KEY_ID="+fnKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+fnKeySecret)
	for k, v := range baseEnv(strings.TrimPrefix(stsHTTP.URL, "http://")) {
		env = append(env, k+"="+v)
	}
	cmd.Env = env
	var logs syncBuffer
	cmd.Stderr = &logs
	tok := signToken(t)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()

	var body map[string]string
	for deadline := start.Add(20 * time.Second); ; {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status = %d; want 200 (%v)\n%s", resp.StatusCode, body, logs.String())
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer from the binary: %v\n%s", err, logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("cold start (exec to first credentials, incl. one AssumeRole): %v", time.Since(start).Round(time.Millisecond))
	if !strings.HasPrefix(body["AccessKeyId"], "STS.") || body["Prefix"] != "uploads/u1/" {
		t.Errorf("response %v; want STS credentials for uploads/u1/", body)
	}
	loadReport(t, "http://"+addr+"/", tok)
	for _, secret := range []string{fnKeySecret, hsSecret, tok, body["AccessKeySecret"], body["SecurityToken"]} {
		if secret != "" && strings.Contains(logs.String(), secret) {
			t.Errorf("the function logged a secret:\n%s", logs.String())
		}
	}
}

func signToken(t *testing.T) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: []byte(hsSecret)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tok, err := jwt.Signed(signer).Claims(jwt.Claims{Subject: "u1", Issuer: "https://idp.example.com/",
		Audience: jwt.Audience{"ossflow-upload"}, Expiry: jwt.NewNumericDate(now.Add(time.Hour))}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// syncBuffer collects the child's stderr while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.buf.String() }

// loadReport sends 400 requests at 200 per second (two seconds, paced, not
// a flood) to the running binary from this test process and logs the
// latency percentiles of the cached path over loopback. It asserts only
// that every request succeeded: timings are reported, not judged.
func loadReport(t *testing.T, url, tok string) {
	t.Helper()
	const n, rate = 400, 200
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	lat := make([]time.Duration, n)
	var wg sync.WaitGroup
	var failed atomic.Int32
	// Warm the connection pool so the figures are the function's, not TCP's.
	for range 8 {
		req, _ := http.NewRequest(http.MethodPost, url, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		if resp, err := client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	tick := time.NewTicker(time.Second / rate)
	defer tick.Stop()
	for i := range n {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, url, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			start := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				failed.Add(1)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			lat[i] = time.Since(start)
			if resp.StatusCode != http.StatusOK {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	client.CloseIdleConnections()
	if f := failed.Load(); f > 0 {
		t.Fatalf("%d of %d paced requests failed", f, n)
	}
	slices.Sort(lat)
	t.Logf("HTTP at %d req/s over loopback, %d requests: p50 %v, p99 %v, max %v", rate, n,
		lat[n/2].Round(time.Microsecond), lat[n*99/100].Round(time.Microsecond), lat[n-1].Round(time.Microsecond))
}
