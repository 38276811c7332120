package serve

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func startFC(t *testing.T, kind string) (*runtimeAPI, *proc) {
	t.Helper()
	api := newFCRuntimeAPI(t)
	env := append([]string{"TESTFN_KIND=" + kind, "FC_RUNTIME_API=" + api.addr()}, envCreds.env()...)
	return api, startProc(t, env)
}

func decodeHTTP(t *testing.T, o outcome) httpResponse {
	t.Helper()
	if o.kind != "response" {
		t.Fatalf("outcome = %s %s; want a response", o.kind, o.body)
	}
	var r httpResponse
	if err := json.Unmarshal(o.body, &r); err != nil {
		t.Fatalf("response %s is not an HTTP response object: %v", o.body, err)
	}
	return r
}

func TestFCRuntimeHTTP(t *testing.T) {
	api, p := startFC(t, "http")
	deadline := time.Now().Add(time.Minute).Truncate(time.Millisecond)

	init := fcHeaders(credsA, deadline)
	init.Set("x-fc-function-type", "1")
	if o := api.invoke(t, "init-1", init, nil); o.kind != "response" {
		t.Fatalf("initializer outcome = %s %s; want response", o.kind, o.body)
	}
	p.waitLog(t, "initializer: instance ready", map[string]any{"requestId": "init-1"})

	// Credentials rotate per invocation; each call must see its own.
	for i, c := range []creds{credsA, credsB} {
		id := []string{"req-a", "req-b"}[i]
		r := decodeHTTP(t, api.invoke(t, id, fcHeaders(c, deadline), fcHTTPEvent("GET", "/whoami", nil, "", false)))
		var who map[string]any
		if err := json.Unmarshal([]byte(r.Body), &who); err != nil || r.StatusCode != 200 {
			t.Fatalf("status = %d, body %q; want 200 and JSON", r.StatusCode, r.Body)
		}
		want := map[string]any{
			"requestId": id, "function": "thumbnail-fc", "region": "cn-hangzhou", "accountId": "1234567890123456",
			"retryCount": 2.0, "platform": "fc", "accessKeyId": c.id, "secretHash": hash(c.secret),
			"tokenHash": hash(c.token), "deadlineMs": float64(deadline.UnixMilli()),
			"ctxDeadlineMs": float64(deadline.UnixMilli()),
		}
		for k, v := range want {
			if who[k] != v {
				t.Errorf("%s: %s = %v; want %v", id, k, who[k], v)
			}
		}
		p.waitLog(t, "whoami", map[string]any{"requestId": id, "function": "testfn", "accessKeyId": c.id})
	}

	// Encoded slash, query and a base64 body reach the handler as sent.
	r := decodeHTTP(t, api.invoke(t, "req-echo", fcHeaders(credsA, deadline),
		fcHTTPEvent("PUT", "/echo/a%2Fb", map[string]string{"w": "64"}, base64.StdEncoding.EncodeToString([]byte("hi\x00")), true)))
	var echo map[string]any
	_ = json.Unmarshal([]byte(r.Body), &echo)
	for k, v := range map[string]any{"method": "PUT", "escapedPath": "/echo/a%2Fb", "body": "hi\x00",
		"host": "fn.cn-hangzhou.fcapp.run", "remoteAddr": "39.40.41.42:0", "cookie": "s=1"} {
		if echo[k] != v {
			t.Errorf("echo %s = %q; want %q", k, echo[k], v)
		}
	}

	// A binary body goes back base64-encoded.
	r = decodeHTTP(t, api.invoke(t, "req-png", fcHeaders(credsA, deadline), fcHTTPEvent("GET", "/png", nil, "", false)))
	if b, _ := base64.StdEncoding.DecodeString(r.Body); !r.IsBase64Encoded || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("png response: isBase64Encoded=%v body=%q; want base64 PNG bytes", r.IsBase64Encoded, r.Body)
	}

	// A panic is a 500 with a generic body, and the process keeps serving.
	r = decodeHTTP(t, api.invoke(t, "req-panic", fcHeaders(credsA, deadline), fcHTTPEvent("GET", "/panic", map[string]string{"partial": "1"}, "", false)))
	if r.StatusCode != 500 || r.Body != internalBody || r.Headers["X-Partial"] != "" {
		t.Errorf("panic response = %d %q %v; want 500 %q without the partial response", r.StatusCode, r.Body, r.Headers, internalBody)
	}
	p.waitLog(t, "HTTP handler panicked: answered 500", map[string]any{"requestId": "req-panic", "panic": "boom"})

	// A payload that is not an HTTP event is answered 400.
	r = decodeHTTP(t, api.invoke(t, "req-bad", fcHeaders(credsA, deadline), []byte(`{"rawPath":5}`)))
	if r.StatusCode != http.StatusBadRequest {
		t.Errorf("malformed event status = %d; want 400", r.StatusCode)
	}
	r = decodeHTTP(t, api.invoke(t, "req-after", fcHeaders(credsB, deadline), fcHTTPEvent("GET", "/whoami", nil, "", false)))
	if r.StatusCode != 200 {
		t.Errorf("status after panic = %d; want 200", r.StatusCode)
	}

	stop := fcHeaders(credsA, deadline)
	stop.Set("x-fc-function-type", "2")
	if o := api.invoke(t, "stop-1", stop, nil); o.kind != "response" {
		t.Fatalf("pre-stop outcome = %s %s; want response", o.kind, o.body)
	}
	p.waitLog(t, "pre-stop: instance is stopping", map[string]any{"requestId": "stop-1"})
	p.checkNoSecrets(t, credsA.secret, credsA.token, credsB.secret, credsB.token, envCreds.secret, envCreds.token)
}

func TestFCRuntimeObjects(t *testing.T) {
	api, p := startFC(t, "objects")
	deadline := time.Now().Add(time.Minute).Truncate(time.Millisecond)

	// One bad record (permanent) and one good one: the good one is handled,
	// the bad one logged, and the invocation succeeds.
	o := api.invoke(t, "obj-1", fcHeaders(credsA, deadline), ossEvent("bad/x.txt", "uploads/a.jpg"))
	if o.kind != "response" || string(o.body) != "null" {
		t.Errorf("outcome = %s %s; want response null", o.kind, o.body)
	}
	p.waitLog(t, "record dropped: the failure is permanent, a retry cannot help",
		map[string]any{"requestId": "obj-1", "key": "bad/x.txt", "kind": "invalid", "record": 0.0})
	p.waitLog(t, "processed", map[string]any{"requestId": "obj-1", "key": "uploads/a.jpg", "bucket": "uploads",
		"platform": "fc", "accessKeyId": credsA.id, "fp": hash(credsA.secret),
		"deadlineMs": deadline.UnixMilli(), "ctxDeadlineMs": deadline.UnixMilli()})

	// A transient failure fails the invocation so FC retries; the other
	// record is still handled.
	o = api.invoke(t, "obj-2", fcHeaders(credsB, deadline), ossEvent("flaky/y.jpg", "uploads/b.jpg"))
	if o.kind != "error" || !strings.Contains(string(o.body), "1 of 2 records failed") {
		t.Errorf("outcome = %s %s; want error naming 1 of 2 records", o.kind, o.body)
	}
	p.waitLog(t, "processed", map[string]any{"requestId": "obj-2", "key": "uploads/b.jpg", "accessKeyId": credsB.id})

	// A panicking record is an error response, and the process keeps serving.
	o = api.invoke(t, "obj-3", fcHeaders(credsA, deadline), ossEvent("panic/z.jpg"))
	if o.kind != "error" {
		t.Errorf("panic outcome = %s %s; want error", o.kind, o.body)
	}
	p.waitLog(t, "handler panicked", map[string]any{"requestId": "obj-3", "panic": "record panic/z.jpg"})

	// A malformed payload is dropped with a log line and reported as success.
	o = api.invoke(t, "obj-4", fcHeaders(credsA, deadline), []byte(`{"events":[{"oss":7}]}`))
	if o.kind != "response" {
		t.Errorf("malformed outcome = %s %s; want response", o.kind, o.body)
	}
	p.waitLog(t, "malformed event payload dropped: a retry would fail the same way", map[string]any{"requestId": "obj-4"})

	o = api.invoke(t, "obj-5", fcHeaders(credsA, deadline), ossEvent("uploads/c.jpg"))
	if o.kind != "response" {
		t.Errorf("outcome after panic = %s %s; want response", o.kind, o.body)
	}
	p.waitLog(t, "processed", map[string]any{"requestId": "obj-5", "key": "uploads/c.jpg"})
	p.checkNoSecrets(t, credsA.secret, credsA.token, credsB.secret, credsB.token, envCreds.secret, envCreds.token)
}

func TestFCRuntimeTicks(t *testing.T) {
	api, p := startFC(t, "ticks")
	deadline := time.Now().Add(time.Minute).Truncate(time.Millisecond)
	tests := []struct {
		payload, kind, log string
	}{
		{"audit", "response", "tick"},
		{"drop", "response", "tick dropped: the failure is permanent, a retry cannot help"},
		{"fail", "error", "tick failed: the timer invocation will be retried"},
		{"", "response", "tick"},
	}
	for i, tt := range tests {
		id := "tick-" + string(rune('a'+i))
		o := api.invoke(t, id, fcHeaders(credsA, deadline), timerEvent(tt.payload))
		if o.kind != tt.kind {
			t.Errorf("payload %q: outcome = %s %s; want %s", tt.payload, o.kind, o.body, tt.kind)
		}
		p.waitLog(t, tt.log, map[string]any{"requestId": id, "trigger": "nightly"})
	}
	p.checkNoSecrets(t, credsA.secret, credsA.token, envCreds.secret, envCreds.token)
}
