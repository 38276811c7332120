package serve

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// startListening runs testfn in an HTTP mode on 127.0.0.1:0 and returns its
// base URL, read from the "serving" log line.
func startListening(t *testing.T, kind, mode string, env []string, args ...string) (string, *proc) {
	t.Helper()
	env = append(append([]string{"TESTFN_KIND=" + kind}, envCreds.env()...), env...)
	p := startProc(t, env, append(args, "-listen", "127.0.0.1:0")...)
	line := p.waitLog(t, "serving", map[string]any{"mode": mode})
	return "http://" + line["addr"].(string), p
}

func do(t *testing.T, method, url string, h http.Header, body []byte) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestCustomRuntimeObjects(t *testing.T) {
	base, p := startListening(t, "objects", "fc-custom-runtime", nil, "-custom-runtime")
	deadline := time.Now().Add(time.Minute).Truncate(time.Millisecond)

	resp, _ := do(t, "POST", base+"/initialize", fcHeaders(credsA, deadline), nil)
	if resp.StatusCode != 200 {
		t.Errorf("POST /initialize status = %d; want 200", resp.StatusCode)
	}
	tests := []struct {
		id     string
		event  []byte
		status int
	}{
		{"c-1", ossEvent("bad/x.txt", "uploads/a.jpg"), 200},
		{"c-2", ossEvent("flaky/y.jpg"), 404},
		{"c-3", []byte("not json"), 200},
		{"c-4", ossEvent("panic/z.jpg"), 404},
		{"c-5", s3Event("uploads%2Fs3.jpg"), 200},
	}
	for _, tt := range tests {
		h := fcHeaders(credsB, deadline)
		h.Set("x-fc-request-id", tt.id)
		h.Set("Content-Type", "application/octet-stream")
		resp, body := do(t, "POST", base+"/invoke", h, tt.event)
		if resp.StatusCode != tt.status || resp.Header.Get("x-fc-status") != strconv.Itoa(tt.status) {
			t.Errorf("%s: status = %d, x-fc-status %q (%s); want %d", tt.id, resp.StatusCode, resp.Header.Get("x-fc-status"), body, tt.status)
		}
		if tt.status == 404 {
			var e map[string]string
			if json.Unmarshal(body, &e) != nil || e["errorMessage"] == "" {
				t.Errorf("%s: error body %q; want {errorMessage,errorType}", tt.id, body)
			}
		}
	}
	p.waitLog(t, "processed", map[string]any{"requestId": "c-1", "key": "uploads/a.jpg", "accessKeyId": credsB.id,
		"fp": hash(credsB.secret), "deadlineMs": deadline.UnixMilli(), "ctxDeadlineMs": deadline.UnixMilli(), "platform": "fc"})
	p.waitLog(t, "malformed event payload dropped: a retry would fail the same way", map[string]any{"requestId": "c-3"})
	// S3 notifications parse too (here through FC, as from an EventBridge relay).
	p.waitLog(t, "processed", map[string]any{"requestId": "c-5", "key": "uploads/s3.jpg", "bucket": "example-bucket"})
	p.waitText(t, "FC Invoke Start RequestId: c-2\n")
	p.waitText(t, "FC Invoke End RequestId: c-2, Error: Unhandled function error\n")

	resp, _ = do(t, "GET", base+"/pre-stop", fcHeaders(credsA, deadline), nil)
	if resp.StatusCode != 200 {
		t.Errorf("GET /pre-stop status = %d; want 200", resp.StatusCode)
	}
	p.waitLog(t, "pre-stop: instance is stopping", nil)
	p.signal(t, syscall.SIGTERM)
	if code := p.wait(t); code != 0 {
		t.Errorf("exit status after SIGTERM = %d; want 0", code)
	}
	p.waitLog(t, "stopped", nil)
	p.checkNoSecrets(t, credsA.secret, credsA.token, credsB.secret, credsB.token, envCreds.secret, envCreds.token)
}

func TestCustomRuntimeHTTP(t *testing.T) {
	base, p := startListening(t, "http", "fc-custom-runtime", []string{"FC_CUSTOM_LISTEN_PORT=9000"})
	deadline := time.Now().Add(time.Minute).Truncate(time.Millisecond)

	// FC proxies the client's request as it is, with x-fc-* headers added.
	h := fcHeaders(credsA, deadline)
	h.Set("x-fc-request-id", "raw-1")
	h.Set("x-fc-control-path", "/http-invoke")
	resp, body := do(t, "GET", base+"/whoami", h, nil)
	var who map[string]any
	if err := json.Unmarshal(body, &who); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /whoami = %d %q; want 200 JSON", resp.StatusCode, body)
	}
	for k, v := range map[string]any{"requestId": "raw-1", "accessKeyId": credsA.id, "secretHash": hash(credsA.secret),
		"tokenHash": hash(credsA.token), "deadlineMs": float64(deadline.UnixMilli()), "function": "thumbnail-fc"} {
		if who[k] != v {
			t.Errorf("whoami %s = %v; want %v", k, who[k], v)
		}
	}
	p.waitText(t, "FC Invoke Start RequestId: raw-1\n")
	p.waitText(t, "FC Invoke End RequestId: raw-1\n")
	// The temporary secret is in the Invocation, not left in the headers.
	resp, body = do(t, "POST", base+"/echo/a%2Fb?x=1", h, []byte("payload"))
	var echo map[string]any
	_ = json.Unmarshal(body, &echo)
	if echo["secretHeader"] != "" || echo["escapedPath"] != "/echo/a%2Fb" || echo["body"] != "payload" {
		t.Errorf("echo = %v; want no secret header, path /echo/a%%2Fb, body payload", echo)
	}
	// A panic is a 500 with a generic body; the server keeps serving.
	resp, body = do(t, "GET", base+"/panic", nil, nil)
	if resp.StatusCode != 500 || string(body) != internalBody {
		t.Errorf("GET /panic = %d %q; want 500 %q", resp.StatusCode, body, internalBody)
	}
	p.waitLog(t, "HTTP handler panicked: answered 500", map[string]any{"panic": "boom"})
	// An HTTP function invoked as an event gets the FC HTTP response JSON.
	h.Set("x-fc-request-id", "ev-1")
	h.Del("x-fc-control-path")
	resp, body = do(t, "POST", base+"/invoke", h, fcHTTPEvent("GET", "/whoami", nil, "", false))
	var r httpResponse
	if err := json.Unmarshal(body, &r); err != nil || resp.StatusCode != 200 || r.StatusCode != 200 {
		t.Errorf("POST /invoke = %d %q; want 200 and an HTTP response object", resp.StatusCode, body)
	}
	resp, _ = do(t, "GET", base+"/missing", nil, nil)
	if resp.StatusCode != 404 {
		t.Errorf("GET /missing status = %d; want the handler's 404", resp.StatusCode)
	}
	p.signal(t, syscall.SIGINT)
	if code := p.wait(t); code != 0 {
		t.Errorf("exit status after SIGINT = %d; want 0", code)
	}
	p.checkNoSecrets(t, credsA.secret, credsA.token, envCreds.secret, envCreds.token)
}
