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

// TestRealPostPolicyFunction runs the real post-policy binary under the
// emulator: CORS preflight, an unauthenticated call, and a grant signed
// with the per-invocation role credentials the emulator handed over.
func TestRealPostPolicyFunction(t *testing.T) {
	if _, err := os.Stat("../../functions/post-policy/main.go"); err != nil {
		t.Skip("functions/post-policy has no main package yet")
	}
	bin := filepath.Join(codeRoot, "post-policy", "main")
	cmd := exec.Command("go", "build", "-o", bin, "../../functions/post-policy")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build post-policy: %v\n%s", err, b)
	}
	spec := fnSpec{name: "post-policy", kind: "unused", triggers: httpTrigger, extra: `      instanceLifecycleConfig: {initializer: {handler: init, timeout: 10}}
`}
	ev := newEnv(t, nil, spec)
	f, _ := ev.e.tpl.Function("post-policy")
	f.Code = "post-policy"
	for k, v := range map[string]string{
		"OSSFLOW_UPLOAD_BUCKET": "photos", "OSS_REGION": "cn-hangzhou",
		"OSSFLOW_UPLOAD_ENDPOINT": "http://127.0.0.1:9", "OSSFLOW_UPLOAD_PATH_STYLE": "true",
		"OSSFLOW_AUTH_ISSUER": "https://issuer.test", "OSSFLOW_AUTH_AUDIENCES": "ossflow",
		"OSSFLOW_AUTH_HS256_SECRET": hs256Secret, "OSSFLOW_CORS_ORIGINS": "http://app.local",
	} {
		f.Environment[k] = v
	}
	srv := httptest.NewServer(ev.e.HTTPHandler())
	defer srv.Close()

	resp, body := do(t, "OPTIONS", srv.URL+"/post-policy/", "", map[string]string{
		"Origin": "http://app.local", "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "authorization,content-type"})
	if resp.StatusCode/100 != 2 || resp.Header.Get("Access-Control-Allow-Origin") != "http://app.local" {
		t.Errorf("preflight status = %d, allow-origin %q; want 2xx allowing http://app.local (body %q)",
			resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), body)
	}

	req := `{"filename":"cat.jpg","contentType":"image/jpeg","size":1000}`
	if resp, _ := do(t, "POST", srv.URL+"/post-policy/", req, nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: status = %d; want 401", resp.StatusCode)
	}

	resp, body = do(t, "POST", srv.URL+"/post-policy/", req, map[string]string{
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
