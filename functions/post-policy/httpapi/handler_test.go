package httpapi

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

func TestHandlerStatuses(t *testing.T) {
	e := newEnv(t, grant.Config{})
	big := `{"filename":"` + strings.Repeat("a", grant.MaxRequestBytes) + `","contentType":"image/png"}`
	tests := []struct {
		name, method, path, sub, body string
		status                        int
		code                          string
	}{
		{"no token", "POST", "/", "", `{"filename":"a.png","contentType":"image/png"}`, 401, "unauthorized"},
		{"bad JSON", "POST", "/", "alice", `{"filename":`, 400, "invalid"},
		{"unknown field", "POST", "/", "alice", `{"filename":"a","contentType":"image/png","bucket":"x"}`, 400, "invalid"},
		{"type not allowed", "POST", "/", "alice", `{"filename":"a.svg","contentType":"image/svg+xml"}`, 400, "invalid"},
		{"declared too large", "POST", "/", "alice", `{"filename":"a.png","contentType":"image/png","size":1025}`, 413, "too_large"},
		{"body too large", "POST", "/", "alice", big, 413, "too_large"},
		{"GET without key", "GET", "/url", "alice", "", 400, "invalid"},
		{"GET of another user's key", "GET", "/url?key=uploads/bob/x.png", "alice", "", 403, "forbidden"},
		{"wrong method", "GET", "/", "alice", "", 405, "invalid"},
		{"wrong method on /url", "POST", "/url", "alice", "", 405, "invalid"},
		{"unknown path", "POST", "/upload", "alice", "", 404, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body fault.ErrorBody
			resp := e.call(t, tt.method, tt.path, tt.sub, tt.body, &body)
			if resp.StatusCode != tt.status || body.Error.Code != tt.code || body.Error.Message == "" {
				t.Errorf("status = %d %+v; want %d %s with a message", resp.StatusCode, body, tt.status, tt.code)
			}
			if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Content-Type") != "application/json" {
				t.Errorf("Cache-Control = %q, Content-Type = %q; want no-store, application/json",
					resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
			}
			if resp.Header.Get("Access-Control-Allow-Origin") != testOrigin {
				t.Errorf("Access-Control-Allow-Origin = %q; want %q on errors too", resp.Header.Get("Access-Control-Allow-Origin"), testOrigin)
			}
		})
	}
	resp := e.call(t, "POST", "/", "", `{}`, nil)
	if got := resp.Header.Get("WWW-Authenticate"); got != `Bearer realm="ossflow"` {
		t.Errorf("WWW-Authenticate = %q; want the RFC 6750 challenge", got)
	}
	if resp := e.call(t, "GET", "/", "alice", "", nil); resp.Header.Get("Allow") != "POST" {
		t.Errorf("405 Allow = %q; want POST", resp.Header.Get("Allow"))
	}
}

// TestGrantShape pins the JSON field names clients (a plain <form>,
// FormData, Uppy-style getUploadParameters) rely on.
func TestGrantShape(t *testing.T) {
	e := newEnv(t, grant.Config{})
	for _, tt := range []struct {
		mode string
		keys []string
	}{
		{"post", []string{"expiresAt", "fields", "key", "maxSize", "method", "url"}},
		{"put", []string{"expiresAt", "headers", "key", "method", "url"}},
	} {
		var raw map[string]json.RawMessage
		resp := e.call(t, "POST", "/", "alice", `{"filename":"a.png","contentType":"image/png","mode":"`+tt.mode+`"}`, &raw)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status = %d; want 200", tt.mode, resp.StatusCode)
		}
		if got := slices.Sorted(maps.Keys(raw)); !slices.Equal(got, tt.keys) {
			t.Errorf("%s: keys = %v; want %v", tt.mode, got, tt.keys)
		}
		if want := `"` + t0.Add(10*time.Minute).Format(time.RFC3339) + `"`; string(raw["expiresAt"]) != want {
			t.Errorf("%s: expiresAt = %s; want %s", tt.mode, raw["expiresAt"], want)
		}
	}
}

func TestPreflight(t *testing.T) {
	e := newEnv(t, grant.Config{})
	req, _ := http.NewRequest(http.MethodOptions, e.fn.URL+"/", nil)
	req.Header.Set("Origin", testOrigin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != testOrigin {
		t.Errorf("preflight: status = %d, allow-origin %q; want 204 %s", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), testOrigin)
	}
	req.Header.Set("Origin", "https://evil.example")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: status = %d; want 403 without CORS headers", resp.StatusCode)
	}
}

func TestCredentialFailureIsGeneric(t *testing.T) {
	now := func() time.Time { return t0 }
	auth := newAuth(t, now)
	h, err := New(Deps{Auth: auth, Grants: failMinter{}, Clock: now, Credentials: InvocationCredentials})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"filename":"a.png","contentType":"image/png"}`))
	r.Header.Set("Authorization", "Bearer "+token(t, "alice"))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), `"message":"internal error"`) ||
		strings.Contains(w.Body.String(), "ALIBABA") {
		t.Errorf("no credentials: %d %s; want 500 with a generic message", w.Code, w.Body)
	}
	if _, err := New(Deps{Auth: auth, Clock: now, Credentials: InvocationCredentials}); err == nil {
		t.Errorf("New without Grants succeeded")
	}
	ctx := events.WithInvocation(context.Background(), events.Invocation{Credentials: events.Credentials{
		AccessKeyID: "STS.x", AccessKeySecret: "s", SecurityToken: "tok"}})
	if c, err := InvocationCredentials(ctx); err != nil || c != (signer.Credentials{AccessKeyID: "STS.x", AccessKeySecret: "s", SecurityToken: "tok"}) {
		t.Errorf("InvocationCredentials = %+v, %v; want the invocation's STS credentials", c, err)
	}
}

// failMinter fails the test if the handler ever gets as far as minting.
type failMinter struct{}

func (failMinter) Upload(string, grant.Request, signer.Credentials, time.Time) (grant.Grant, error) {
	return grant.Grant{}, fault.New(fault.Invalid, "minted without credentials")
}

func (failMinter) Get(string, string, signer.Credentials, time.Time) (grant.Grant, error) {
	return grant.Grant{}, fault.New(fault.Invalid, "minted without credentials")
}
