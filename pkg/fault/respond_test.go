package fault

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestWriteJSON(t *testing.T) {
	tests := []struct {
		name   string
		status int
		v      any
		want   string
		code   int
	}{
		{"value", http.StatusOK, map[string]string{"url": "https://b.example/k?a=1&b=<2>"}, `{"url":"https://b.example/k?a=1\u0026b=\u003c2\u003e"}` + "\n", 200},
		{"error body", http.StatusForbidden, errBody("forbidden", "profile not allowed"),
			`{"error":{"code":"forbidden","message":"profile not allowed"}}` + "\n", 403},
		{"unencodable falls back to 500", http.StatusOK, map[string]any{"c": make(chan int)}, internalBody + "\n", 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			WriteJSON(rec, tt.status, tt.v)
			if rec.Code != tt.code {
				t.Errorf("status = %d; want %d", rec.Code, tt.code)
			}
			if got := rec.Body.String(); got != tt.want {
				t.Errorf("body = %q; want %q", got, tt.want)
			}
			if got := rec.Header().Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q; want application/json", got)
			}
			if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q; want nosniff", got)
			}
		})
	}
}

func errBody(code, message string) ErrorBody {
	var b ErrorBody
	b.Error.Code, b.Error.Message = code, message
	return b
}

func TestWriteErrorRoundTrips(t *testing.T) {
	rec := httptest.NewRecorder()
	rec.Header().Set("WWW-Authenticate", `Bearer realm="ossflow"`)
	WriteError(rec, http.StatusUnauthorized, Unauthorized.String(), "authentication required")
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("status = %d; want 401", rec.Code)
	}
	if got := rec.Header().Get("WWW-Authenticate"); got != `Bearer realm="ossflow"` {
		t.Errorf("WWW-Authenticate = %q; want the header set before the write kept", got)
	}
	var got ErrorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
	if got.Error.Code != "unauthorized" || got.Error.Message != "authentication required" {
		t.Errorf("body = %+v; want code unauthorized, message authentication required", got)
	}
}
