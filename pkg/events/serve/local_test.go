package serve

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
)

func TestLocalHTTP(t *testing.T) {
	base, p := startListening(t, "http", "local", nil)
	resp, body := do(t, "GET", base+"/whoami", nil, nil)
	var who map[string]any
	if err := json.Unmarshal(body, &who); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /whoami = %d %q; want 200 JSON", resp.StatusCode, body)
	}
	// Locally the credentials come from the environment.
	for k, v := range map[string]any{"platform": "local", "accessKeyId": envCreds.id,
		"secretHash": hash(envCreds.secret), "tokenHash": hash(envCreds.token), "deadlineMs": 0.0} {
		if who[k] != v {
			t.Errorf("whoami %s = %v; want %v", k, who[k], v)
		}
	}
	if id, _ := who["requestId"].(string); !strings.HasPrefix(id, "local-") {
		t.Errorf("requestId = %q; want a generated local- id", id)
	}
	p.waitLog(t, "whoami", map[string]any{"requestId": who["requestId"], "accessKeyId": envCreds.id})

	resp, body = do(t, "GET", base+"/panic", nil, nil)
	if resp.StatusCode != 500 || string(body) != internalBody {
		t.Errorf("GET /panic = %d %q; want 500 %q", resp.StatusCode, body, internalBody)
	}
	// After the response has started, the connection is aborted instead.
	if resp, err := http.Get(base + "/panic?partial=1"); err == nil {
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil {
			t.Errorf("GET /panic?partial=1 = %d %q, read cleanly; want the connection aborted", resp.StatusCode, b)
		}
	}
	resp, _ = do(t, "GET", base+"/whoami", nil, nil)
	if resp.StatusCode != 200 {
		t.Errorf("GET /whoami after a panic = %d; want 200", resp.StatusCode)
	}
	p.signal(t, syscall.SIGTERM)
	if code := p.wait(t); code != 0 {
		t.Errorf("exit status after SIGTERM = %d; want 0", code)
	}
	p.checkNoSecrets(t, envCreds.secret, envCreds.token)
}

func TestLocalEvents(t *testing.T) {
	tests := []struct {
		kind, method, path string
		body               []byte
		status             int
	}{
		{"objects", "POST", "/", ossEvent("uploads/a.jpg"), 204},
		{"objects", "POST", "/", s3Event("uploads%2Fb.jpg"), 204},
		{"objects", "POST", "/", ossEvent("bad/x.txt"), 204},
		{"objects", "POST", "/", ossEvent("flaky/x.jpg"), 503},
		{"objects", "POST", "/", []byte(`{"Records":"x"}`), 400},
		{"objects", "GET", "/", nil, 405},
		{"objects", "POST", "/other", ossEvent("uploads/a.jpg"), 404},
		{"ticks", "POST", "/", timerEvent("audit"), 204},
		{"ticks", "POST", "/", []byte(`{"detail-type":"Scheduled Event","source":"aws.events","time":"2019-10-08T16:53:06Z","resources":["arn:aws:events:us-east-1:123456789012:rule/nightly"],"detail":{}}`), 204},
		{"ticks", "POST", "/", timerEvent("fail"), 503},
		{"ticks", "POST", "/", ossEvent("a"), 400},
	}
	bases := map[string]string{}
	procs := map[string]*proc{}
	for _, kind := range []string{"objects", "ticks"} {
		bases[kind], procs[kind] = startListening(t, kind, "local", nil)
	}
	for _, tt := range tests {
		resp, body := do(t, tt.method, bases[tt.kind]+tt.path, nil, tt.body)
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s %s %.40s: status = %d (%s); want %d", tt.kind, tt.method, tt.path, tt.body, resp.StatusCode, body, tt.status)
		}
	}
	procs["objects"].waitLog(t, "processed", map[string]any{"key": "uploads/b.jpg", "bucket": "example-bucket", "platform": "local"})
	procs["ticks"].waitLog(t, "tick", map[string]any{"trigger": "nightly", "payload": "audit"})
}

func TestSetupFailure(t *testing.T) {
	p := startProc(t, append([]string{"TESTFN_KIND=badsetup"}, envCreds.env()...))
	if code := p.wait(t); code != 1 {
		t.Fatalf("exit status = %d; want 1", code)
	}
	line := p.waitLog(t, "setup failed", map[string]any{"level": "error", "function": "testfn"})
	if msg, _ := line["error"].(string); !strings.Contains(msg, "OSS_BUCKET is not set") {
		t.Errorf("error = %q; want the setup error's text", msg)
	}
	if n := strings.Count(strings.TrimSpace(p.output()), "\n"); n != 0 {
		t.Errorf("setup failure printed %d lines; want one:\n%s", n+1, p.output())
	}
	p.checkNoSecrets(t, envCreds.secret, envCreds.token)
}

func TestBadFlag(t *testing.T) {
	p := startProc(t, []string{"TESTFN_KIND=http"}, "-no-such-flag")
	if code := p.wait(t); code != 2 {
		t.Errorf("exit status = %d; want 2", code)
	}
}
