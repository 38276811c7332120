package httpapi_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/sts-token/httpapi"
	"github.com/ossflow/ossflow/functions/sts-token/mint"
	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
	"github.com/ossflow/ossflow/pkg/fault"
)

var now = time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)

const (
	grantSecret = "granted-secret-value-XYZ"
	grantToken  = "CAISgranted-security-token-ABC"
)

func handlerWith(t *testing.T, m *fakeMinter, profiles ...sessionpolicy.Profile) http.Handler {
	t.Helper()
	h, err := httpapi.New(httpapi.Config{Profiles: profiles, Region: "cn-hangzhou", Bucket: "ossflow-uploads",
		Endpoint: "https://oss-cn-hangzhou.aliyuncs.com", RetryAfter: 3 * time.Second},
		authenticator(t, func() time.Time { return now }), m)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestHandler(t *testing.T) {
	good := mint.Grant{Credentials: mint.Credentials{AccessKeyID: "STS.abc", AccessKeySecret: grantSecret, SecurityToken: grantToken,
		Expiration: now.Add(15 * time.Minute)}, Prefix: "uploads/auth0_7C42/"}
	tok := token(t, "auth0|42", now)
	tests := []struct {
		name        string
		method      string
		target      string
		auth        string
		contentType string
		body        string
		minterErr   error
		profiles    []sessionpolicy.Profile
		status      int
		wantProfile string
		wantHeader  [2]string
		wantCode    string
	}{
		{name: "POST default profile", method: "POST", auth: "Bearer " + tok, status: 200, wantProfile: "upload"},
		{name: "GET default profile", method: "GET", auth: "Bearer " + tok, status: 200, wantProfile: "upload"},
		{name: "read by query", method: "GET", target: "/?profile=read", auth: "Bearer " + tok, profiles: []sessionpolicy.Profile{"upload", "read"}, status: 200, wantProfile: "read"},
		{name: "read by JSON body", method: "POST", auth: "Bearer " + tok, contentType: "application/json", body: `{"profile":"read"}`, profiles: []sessionpolicy.Profile{"upload", "read"}, status: 200, wantProfile: "read"},
		{name: "empty JSON body", method: "POST", auth: "Bearer " + tok, contentType: "application/json", body: `{}`, status: 200, wantProfile: "upload"},
		{name: "no token", method: "POST", status: 401, wantHeader: [2]string{"WWW-Authenticate", `Bearer realm="ossflow"`}, wantCode: "unauthorized"},
		{name: "bad token", method: "POST", auth: "Bearer " + tok[:len(tok)-3] + "AAA", status: 401, wantHeader: [2]string{"WWW-Authenticate", `error="invalid_token"`}, wantCode: "unauthorized"},
		{name: "expired token", method: "POST", auth: "Bearer " + token(t, "auth0|42", now.Add(-3*time.Hour)), status: 401, wantCode: "unauthorized"},
		{name: "profile not enabled", method: "GET", target: "/?profile=read", auth: "Bearer " + tok, status: 403, wantCode: "forbidden"},
		{name: "unknown profile", method: "GET", target: "/?profile=admin", auth: "Bearer " + tok, status: 400, wantCode: "invalid"},
		{name: "query and body disagree", method: "POST", target: "/?profile=upload", auth: "Bearer " + tok, contentType: "application/json", body: `{"profile":"read"}`, profiles: []sessionpolicy.Profile{"upload", "read"}, status: 400, wantCode: "invalid"},
		{name: "body not JSON", method: "POST", auth: "Bearer " + tok, contentType: "text/plain", body: "profile=read", status: 400, wantCode: "invalid"},
		{name: "unknown body field", method: "POST", auth: "Bearer " + tok, contentType: "application/json", body: `{"prefix":"uploads/u2/"}`, status: 400, wantCode: "invalid"},
		{name: "PUT", method: "PUT", auth: "Bearer " + tok, status: 405, wantHeader: [2]string{"Allow", "GET, POST"}},
		{name: "other path", method: "GET", target: "/admin", auth: "Bearer " + tok, status: 404},
		{name: "throttled", method: "POST", auth: "Bearer " + tok, minterErr: fault.Wrap(fault.Unavailable, "credential service busy, retry later", errors.New("Throttling.User")), status: 503, wantHeader: [2]string{"Retry-After", "3"}, wantCode: "unavailable"},
		{name: "STS failed", method: "POST", auth: "Bearer " + tok, minterErr: fault.Wrap(fault.Internal, "", fmt.Errorf("x: %w: NoPermission role detail", mint.ErrUpstream)), status: 502, wantCode: "upstream"},
		{name: "unscopable identity", method: "POST", auth: "Bearer " + tok, minterErr: fault.New(fault.Forbidden, "no credentials can be scoped to this identity"), status: 403, wantCode: "forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &fakeMinter{grant: good, err: tt.minterErr}
			h := handlerWith(t, m, tt.profiles...)
			target := tt.target
			if target == "" {
				target = "/"
			}
			r := httptest.NewRequest(tt.method, target, strings.NewReader(tt.body))
			if tt.auth != "" {
				r.Header.Set("Authorization", tt.auth)
			}
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			var logs bytes.Buffer
			w := httptest.NewRecorder()
			h.ServeHTTP(w, logged(r, &logs))
			if w.Code != tt.status {
				t.Fatalf("status = %d; want %d (body %s)", w.Code, tt.status, w.Body)
			}
			if got := w.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q; want no-store", got)
			}
			if k := tt.wantHeader[0]; k != "" && !strings.Contains(w.Header().Get(k), tt.wantHeader[1]) {
				t.Errorf("%s = %q; want it to contain %q", k, w.Header().Get(k), tt.wantHeader[1])
			}
			if tt.status == 200 {
				checkGrant(t, w.Body.Bytes(), tt.wantProfile)
				if m.caller.Subject != "auth0|42" || m.caller.Segment != "auth0_7C42" || m.caller.SessionName == "" {
					t.Errorf("minter was asked for %+v; want the verified identity", m.caller)
				}
			} else if tt.wantCode != "" {
				var e struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code != tt.wantCode {
					t.Errorf("error body %s; want code %q", w.Body, tt.wantCode)
				}
				if strings.Contains(w.Body.String(), "NoPermission") || strings.Contains(w.Body.String(), "Throttling") {
					t.Errorf("error body %s leaks internal detail", w.Body)
				}
			}
			for _, secret := range []string{grantSecret, grantToken, tok} {
				if strings.Contains(logs.String(), secret) {
					t.Errorf("log contains a secret: %s", logs.String())
				}
			}
		})
	}
}

func checkGrant(t *testing.T, body []byte, profile string) {
	t.Helper()
	var got map[string]string
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	want := map[string]string{
		"AccessKeyId": "STS.abc", "AccessKeySecret": grantSecret, "SecurityToken": grantToken,
		"Expiration": "2026-11-22T01:15:00Z", "Region": "cn-hangzhou", "Bucket": "ossflow-uploads",
		"Endpoint": "https://oss-cn-hangzhou.aliyuncs.com", "Prefix": "uploads/auth0_7C42/", "Profile": profile,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q; want %q", k, got[k], v)
		}
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	_, err := httpapi.New(httpapi.Config{Profiles: []sessionpolicy.Profile{"admin"}, DefaultProfile: "read"}, nil, nil)
	for _, want := range []string{`unknown profile "admin"`, `DefaultProfile "read"`, "Region, Bucket and Endpoint", "Authenticator and a Minter"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("New error %v does not mention %q", err, want)
		}
	}
}
