package fcemu

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// hs256Secret signs the test callers' JWTs; post-policy verifies them.
const hs256Secret = "fcemu-test-hs256-secret-0123456789abcdef"

func jwt(t *testing.T, sub string, now time.Time) string {
	t.Helper()
	enc := base64.RawURLEncoding
	head := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims, _ := json.Marshal(map[string]any{"iss": "https://issuer.test", "aud": "ossflow", "sub": sub,
		"iat": now.Unix(), "exp": now.Add(time.Hour).Unix()})
	msg := head + "." + enc.EncodeToString(claims)
	mac := hmac.New(sha256.New, []byte(hs256Secret))
	mac.Write([]byte(msg))
	return msg + "." + enc.EncodeToString(mac.Sum(nil))
}

// realFunction builds functions/<name> once into codeRoot/<name>/main and
// returns an env running it from a test template, with env set; it skips
// the test while the function has no main package.
func realFunction(t *testing.T, name string, env map[string]string) *env {
	t.Helper()
	return realFunctionSpec(t, fnSpec{name: name, kind: "unused", triggers: httpTrigger,
		extra: "      instanceLifecycleConfig: {initializer: {handler: init, timeout: 10}}\n"}, nil, env)
}

// realFunctionSpec is realFunction for any spec; cgo functions (custom
// runtimes, which link libvips) are built with CGO_ENABLED=1.
func realFunctionSpec(t *testing.T, spec fnSpec, mod func(*Config), env map[string]string) *env {
	t.Helper()
	name := spec.name
	if _, err := os.Stat("../../functions/" + name + "/main.go"); err != nil {
		t.Skip("functions/" + name + " has no main package yet")
	}
	o, _ := buildOnce.LoadOrStore(name, &sync.Once{})
	o.(*sync.Once).Do(func() {
		cmd := exec.Command("go", "build", "-o", filepath.Join(codeRoot, name, "main"), "../../functions/"+name)
		cgo := "0"
		if spec.custom {
			cgo = "1"
		}
		cmd.Env = append(os.Environ(), "CGO_ENABLED="+cgo)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", name, err, b)
		}
	})
	ev := newEnv(t, mod, spec)
	f, _ := ev.e.tpl.Function(name)
	f.Code = name
	for k, v := range env {
		f.Environment[k] = v
	}
	return ev
}

var buildOnce sync.Map

var authEnv = map[string]string{
	"OSSFLOW_AUTH_ISSUER": "https://issuer.test", "OSSFLOW_AUTH_AUDIENCES": "ossflow",
	"OSSFLOW_AUTH_HS256_SECRET": hs256Secret, "OSSFLOW_CORS_ORIGINS": "http://app.local",
}

func withAuth(m map[string]string) map[string]string {
	for k, v := range authEnv {
		m[k] = v
	}
	return m
}

// TestRealHTTPFunctionsAnswerPreflightAndRefuseAnonymous runs the real
// HTTP functions under the emulator: CORS preflight passes through to
// them, and a call without a token is refused by them.
func TestRealHTTPFunctionsAnswerPreflightAndRefuseAnonymous(t *testing.T) {
	cases := map[string]map[string]string{
		"post-policy": {"OSSFLOW_UPLOAD_BUCKET": "photos", "OSS_REGION": "cn-hangzhou"},
		"sts-token": {"OSSFLOW_REGION": "cn-hangzhou", "OSSFLOW_BUCKET": "photos",
			"OSSFLOW_STS_ROLE_ARN": "acs:ram::1234567890123456:role/upload"},
	}
	for name, env := range cases {
		t.Run(name, func(t *testing.T) {
			ev := realFunction(t, name, withAuth(env))
			srv := httptest.NewServer(ev.e.HTTPHandler())
			defer srv.Close()
			resp, body := do(t, "OPTIONS", srv.URL+"/"+name+"/", "", map[string]string{
				"Origin": "http://app.local", "Access-Control-Request-Method": "POST",
				"Access-Control-Request-Headers": "authorization,content-type"})
			if resp.StatusCode/100 != 2 || resp.Header.Get("Access-Control-Allow-Origin") != "http://app.local" {
				t.Errorf("preflight status = %d, allow-origin %q; want 2xx allowing http://app.local (body %q)",
					resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), body)
			}
			if resp, body := do(t, "POST", srv.URL+"/"+name+"/", `{}`, nil); resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("no token: status = %d; want 401 (body %q)", resp.StatusCode, body)
			}
		})
	}
}

// TestRealPostPolicyGrantUsesInvocationCredentials checks that the role
// credentials the emulator hands to one invocation are the ones the real
// post-policy function signs the upload form with.
func TestRealPostPolicyGrantUsesInvocationCredentials(t *testing.T) {
	ev := realFunction(t, "post-policy", withAuth(map[string]string{
		"OSSFLOW_UPLOAD_BUCKET": "photos", "OSS_REGION": "cn-hangzhou",
		"OSSFLOW_UPLOAD_ENDPOINT": "http://127.0.0.1:9", "OSSFLOW_UPLOAD_PATH_STYLE": "true"}))
	srv := httptest.NewServer(ev.e.HTTPHandler())
	defer srv.Close()

	req := `{"filename":"cat.jpg","contentType":"image/jpeg","size":1000}`
	resp, body := do(t, "POST", srv.URL+"/post-policy/", req, map[string]string{
		"Authorization": "Bearer " + jwt(t, "alice", time.Now()), "Content-Type": "application/json"})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("with token: status = %d; want 200 (body %q)", resp.StatusCode, body)
	}
	var g struct {
		Key    string
		Fields map[string]string
	}
	if err := json.Unmarshal([]byte(body), &g); err != nil {
		t.Fatalf("grant %q: %v", body, err)
	}
	if !strings.HasPrefix(g.Fields["x-oss-credential"], "STS.key-post-policy/") || g.Fields["x-oss-security-token"] != "token-abcdefghijkl" {
		t.Errorf("form credential %q token %q; want the role credentials the emulator handed to this invocation",
			g.Fields["x-oss-credential"], g.Fields["x-oss-security-token"])
	}
	if strings.Contains(body, testSecret) {
		t.Error("the grant leaks the role's secret")
	}
}
