package fcemu

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const httpTrigger = "        - {triggerName: http, triggerType: http, triggerConfig: {authType: anonymous, methods: [GET, POST, OPTIONS]}}\n"

func do(t testing.TB, method, url, body string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestHTTPTriggerRoundTrip(t *testing.T) {
	for _, custom := range []bool{false, true} {
		name := map[bool]string{false: "go1", true: "custom"}[custom]
		t.Run(name, func(t *testing.T) {
			ev := newEnv(t, nil, fnSpec{name: "web", kind: "http", custom: custom, triggers: httpTrigger})
			srv := httptest.NewServer(ev.e.HTTPHandler())
			defer srv.Close()

			resp, body := do(t, "POST", srv.URL+"/web/echo/a%20b?q=1", "hello", map[string]string{"x-fc-access-key-id": "spoofed"})
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("status = %d; want 201 (body %q)", resp.StatusCode, body)
			}
			if resp.Header.Get("X-Testfn") != "yes" || resp.Header.Get("x-fc-request-id") == "" {
				t.Errorf("headers %v; want the function's X-Testfn and an x-fc-request-id", resp.Header)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			want := map[string]any{"method": "POST", "path": "/echo/a b", "query": "1", "body": "hello",
				"accessKeyId": "STS.key-web", "hasToken": true, "env": "hello-from-template"}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("function saw %s = %v; want %v", k, got[k], v)
				}
			}

			// The CORS preflight reaches the function, which answers it.
			resp, _ = do(t, "OPTIONS", srv.URL+"/web/cors/x", "", map[string]string{
				"Origin": "http://app.local", "Access-Control-Request-Method": "POST"})
			if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "http://app.local" {
				t.Errorf("preflight status = %d, allow-origin %q; want 204 from the function",
					resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
			}

			if resp, _ := do(t, "PUT", srv.URL+"/web/echo/", "", nil); resp.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("PUT status = %d; want 405 (not in the trigger's methods)", resp.StatusCode)
			}
			if resp, _ := do(t, "GET", srv.URL+"/nope/echo/", "", nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("unknown function status = %d; want 404", resp.StatusCode)
			}
			if ev.awaitLogs("web | REPORT http", 1) == 0 {
				t.Errorf("no per-invocation REPORT line for web in the logs")
			}
		})
	}
}
