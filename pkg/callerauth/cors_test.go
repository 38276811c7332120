package callerauth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestCORS(t *testing.T) {
	c, err := NewCORS(CORSConfig{
		AllowedOrigins:   []string{"https://app.example.com", "http://127.0.0.1:8080"},
		ExposedHeaders:   []string{"ETag"},
		AllowCredentials: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	h := c.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	}))
	tests := []struct {
		name       string
		method     string
		headers    map[string]string
		wantStatus int
		want       map[string]string // "" means the header must be absent
	}{
		{name: "preflight allowed", method: http.MethodOptions,
			headers: map[string]string{"Origin": "https://app.example.com", "Access-Control-Request-Method": "POST",
				"Access-Control-Request-Headers": "authorization, content-type"},
			wantStatus: http.StatusNoContent,
			want: map[string]string{"Access-Control-Allow-Origin": "https://app.example.com",
				"Access-Control-Allow-Methods": "GET, POST", "Access-Control-Allow-Headers": "Authorization, Content-Type",
				"Access-Control-Allow-Credentials": "true", "Access-Control-Max-Age": "600"}},
		{name: "preflight disallowed origin", method: http.MethodOptions,
			headers:    map[string]string{"Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"},
			wantStatus: http.StatusForbidden,
			want:       map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Credentials": ""}},
		{name: "preflight disallowed method", method: http.MethodOptions,
			headers:    map[string]string{"Origin": "https://app.example.com", "Access-Control-Request-Method": "DELETE"},
			wantStatus: http.StatusForbidden, want: map[string]string{"Access-Control-Allow-Origin": ""}},
		{name: "preflight disallowed header", method: http.MethodOptions,
			headers: map[string]string{"Origin": "https://app.example.com", "Access-Control-Request-Method": "POST",
				"Access-Control-Request-Headers": "authorization, x-admin"},
			wantStatus: http.StatusForbidden, want: map[string]string{"Access-Control-Allow-Origin": ""}},
		{name: "allowed origin", method: http.MethodPost,
			headers:    map[string]string{"Origin": "http://127.0.0.1:8080"},
			wantStatus: http.StatusCreated,
			want: map[string]string{"Access-Control-Allow-Origin": "http://127.0.0.1:8080",
				"Access-Control-Allow-Credentials": "true", "Access-Control-Expose-Headers": "ETag"}},
		{name: "origin differing by port", method: http.MethodPost,
			headers:    map[string]string{"Origin": "http://127.0.0.1:8081"},
			wantStatus: http.StatusCreated, want: map[string]string{"Access-Control-Allow-Origin": ""}},
		{name: "disallowed origin", method: http.MethodPost,
			headers:    map[string]string{"Origin": "https://evil.example.com"},
			wantStatus: http.StatusCreated,
			want:       map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Credentials": "", "Access-Control-Expose-Headers": ""}},
		{name: "null origin", method: http.MethodPost, headers: map[string]string{"Origin": "null"},
			wantStatus: http.StatusCreated, want: map[string]string{"Access-Control-Allow-Origin": ""}},
		{name: "same origin", method: http.MethodGet, wantStatus: http.StatusCreated,
			want: map[string]string{"Access-Control-Allow-Origin": ""}},
		{name: "plain OPTIONS goes to the handler", method: http.MethodOptions,
			headers:    map[string]string{"Origin": "https://app.example.com"},
			wantStatus: http.StatusCreated},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/", nil)
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tc.wantStatus {
				t.Errorf("status = %d; want %d", w.Code, tc.wantStatus)
			}
			for k, want := range tc.want {
				if got := w.Header().Get(k); got != want {
					t.Errorf("%s = %q; want %q", k, got, want)
				}
			}
			if vary := strings.Join(w.Header().Values("Vary"), ","); !strings.Contains(vary, "Origin") {
				t.Errorf("Vary = %q; want it to name Origin", vary)
			}
		})
	}
}

func TestCORSConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		cfg     CORSConfig
		wantErr string
	}{
		{name: "ok", cfg: CORSConfig{AllowedOrigins: []string{"https://a.example.com", "http://localhost:3000"}}},
		{name: "wildcard", cfg: CORSConfig{AllowedOrigins: []string{"*"}}, wantErr: `"*" is not allowed`},
		{name: "trailing slash", cfg: CORSConfig{AllowedOrigins: []string{"https://a.example.com/"}}, wantErr: "is not an origin"},
		{name: "no scheme", cfg: CORSConfig{AllowedOrigins: []string{"a.example.com"}}, wantErr: "is not an origin"},
		{name: "bad method", cfg: CORSConfig{AllowedMethods: []string{"PO ST"}}, wantErr: "AllowedMethods[0]"},
		{name: "max age", cfg: CORSConfig{MaxAge: 3 * time.Hour}, wantErr: "MaxAge"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewCORS(tc.cfg)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("NewCORS: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("NewCORS error = %v; want it to mention %q", err, tc.wantErr)
			}
		})
	}
}

func TestLoadCORSConfig(t *testing.T) {
	env := map[string]string{EnvCORSOrigins: "https://a.example.com, https://b.example.com",
		EnvCORSCredentials: "true", EnvCORSMaxAge: "1m"}
	c, err := LoadCORSConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if len(c.AllowedOrigins) != 2 || !c.AllowCredentials || c.MaxAge.Seconds() != 60 || len(c.AllowedMethods) != 2 {
		t.Errorf("config = %+v; want 2 origins, credentials, 1m, default methods", c)
	}
	env[EnvCORSCredentials] = "maybe"
	env[EnvCORSOrigins] = "*"
	_, err = LoadCORSConfig(func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), EnvCORSCredentials) || !strings.Contains(err.Error(), `"*"`) {
		t.Errorf("error = %v; want both the boolean and the wildcard reported", err)
	}
}
