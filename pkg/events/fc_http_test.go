package events

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
)

type wantRequest struct {
	method, path, escapedPath, rawQuery, host, remoteAddr string
	header                                                map[string]string
	body                                                  []byte
}

func checkRequest(t *testing.T, r *http.Request, w wantRequest) {
	t.Helper()
	if r.Method != w.method {
		t.Errorf("Method = %q; want %q", r.Method, w.method)
	}
	if r.URL.Path != w.path {
		t.Errorf("URL.Path = %q; want %q", r.URL.Path, w.path)
	}
	if got := r.URL.EscapedPath(); got != w.escapedPath {
		t.Errorf("URL.EscapedPath() = %q; want %q", got, w.escapedPath)
	}
	if r.URL.RawQuery != w.rawQuery {
		t.Errorf("URL.RawQuery = %q; want %q", r.URL.RawQuery, w.rawQuery)
	}
	if r.Host != w.host {
		t.Errorf("Host = %q; want %q", r.Host, w.host)
	}
	if r.RemoteAddr != w.remoteAddr {
		t.Errorf("RemoteAddr = %q; want %q", r.RemoteAddr, w.remoteAddr)
	}
	for k, v := range w.header {
		if got := r.Header.Get(k); got != v {
			t.Errorf("Header[%s] = %q; want %q", k, got, v)
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	if !bytes.Equal(body, w.body) {
		t.Errorf("body = %q; want %q", body, w.body)
	}
	if r.ContentLength != int64(len(w.body)) {
		t.Errorf("ContentLength = %d; want %d", r.ContentLength, len(w.body))
	}
	if r.Context().Value(ctxKey{}) != "marker" {
		t.Errorf("request context does not carry the caller's context")
	}
}

type ctxKey struct{}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFCHTTPRequestFixtures(t *testing.T) {
	png, _ := base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
	tests := []struct {
		file string
		want wantRequest
	}{
		{"fc-http-evt.json", wantRequest{
			method:      "POST",
			path:        "/2023-03-30/functions/fc3-event-test-http-trigger-Darwin-x86_64/invocations",
			escapedPath: "/2023-03-30/functions/fc3-event-test-http-trigger-Darwin-x86_64/invocations",
			host:        "143**********149.cn-huhehaote.fc.aliyuncs.com",
			remoteAddr:  "112.10.236.5:0",
			header:      map[string]string{"X-Fc-Log-Type": "Tail", "Content-Type": "application/octet-stream"},
			body:        []byte("haha"),
		}},
		{"fc-http-doc.json", wantRequest{
			method:      "GET",
			path:        "/thumbs/uploads/a b.jpg",
			escapedPath: "/thumbs/uploads%2Fa%20b.jpg",
			rawQuery:    "fmt=webp&w=320",
			host:        "thumbnail-abcdefghij.cn-hangzhou.fcapp.run",
			remoteAddr:  "39.40.41.42:0",
			header:      map[string]string{"Accept-Encoding": "gzip, deflate", "X-Forwarded-For": "39.40.41.42, 10.0.0.1"},
			body:        []byte{},
		}},
		{"fc-http-binary.json", wantRequest{
			method:      "PUT",
			path:        "/upload",
			escapedPath: "/upload",
			host:        "thumbnail-abcdefghij.cn-hangzhou.fcapp.run",
			remoteAddr:  "[2001:db8::1]:0",
			header:      map[string]string{"Content-Type": "image/png"},
			body:        png,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			payload := fixture(t, tt.file)
			ctx := context.WithValue(context.Background(), ctxKey{}, "marker")
			r, err := FCHTTPRequest(ctx, payload)
			if err != nil {
				t.Fatalf("FCHTTPRequest: %v", err)
			}
			checkRequest(t, r, tt.want)

			// Cross-check against the FC SDK's own view of the same payload.
			var sdk fcevents.HTTPTriggerEvent
			if err := json.Unmarshal(payload, &sdk); err != nil {
				t.Fatal(err)
			}
			if got, want := r.Method, *sdk.TriggerContext.Http.Method; got != want {
				t.Errorf("Method = %q; SDK says %q", got, want)
			}
			if got, want := r.URL.Path, *sdk.TriggerContext.Http.Path; got != want {
				t.Errorf("URL.Path = %q; SDK's decoded path is %q", got, want)
			}
			if got, want := r.URL.EscapedPath(), *sdk.RawPath; got != want {
				t.Errorf("URL.EscapedPath() = %q; SDK's rawPath is %q", got, want)
			}
			if c, err := r.Cookie("theme"); tt.file == "fc-http-doc.json" && (err != nil || c.Value != "dark") {
				t.Errorf("Cookie(theme) = %v, %v; want dark", c, err)
			}
		})
	}
}

func TestFCHTTPRequestMalformed(t *testing.T) {
	const ok = `"requestContext":{"http":{"method":"GET"}}`
	tests := []struct {
		name, payload, field, reason string
	}{
		{"not JSON", `{"rawPath":`, "", "invalid JSON"},
		{"array", `[]`, "", "want object"},
		{"rawPath number", `{"rawPath":7,` + ok + `}`, "rawPath", "is JSON number; want string"},
		{"headers array", `{"rawPath":"/","headers":[],` + ok + `}`, "headers", "want object"},
		{"header value number", `{"rawPath":"/","headers":{"A":1},` + ok + `}`, "headers", "is JSON number; want string"},
		{"isBase64Encoded string", `{"rawPath":"/","isBase64Encoded":"yes",` + ok + `}`, "isBase64Encoded", "want boolean"},
		{"method number", `{"rawPath":"/","requestContext":{"http":{"method":1}}}`, "requestContext.http.method", "want string"},
		{"method missing", `{"rawPath":"/"}`, "requestContext.http.method", "is missing"},
		{"method not token", `{"rawPath":"/","requestContext":{"http":{"method":"GE T"}}}`, "requestContext.http.method", "not an HTTP method"},
		{"path missing", `{` + ok + `}`, "rawPath", "is missing"},
		{"path relative", `{"rawPath":"x",` + ok + `}`, "rawPath", "does not start with /"},
		{"bad percent", `{"rawPath":"/a%zz",` + ok + `}`, "rawPath", "not a valid percent-encoded path"},
		{"bad base64", `{"rawPath":"/","body":"!!","isBase64Encoded":true,` + ok + `}`, "body", "not standard base64"},
		{"header CRLF", `{"rawPath":"/","headers":{"A":"x\r\nSet-Cookie: y"},` + ok + `}`, "headers.A", "CR, LF or NUL"},
		{"header name", `{"rawPath":"/","headers":{"A B":"x"},` + ok + `}`, "headers", "not an HTTP token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := FCHTTPRequest(context.Background(), []byte(tt.payload))
			checkParseError(t, r, err, formatFCHTTP, tt.field, tt.reason)
		})
	}
}

func checkParseError(t *testing.T, r *http.Request, err error, format, field, reason string) {
	t.Helper()
	if r != nil || err == nil {
		t.Fatalf("got request %v, err %v; want nil and a ParseError", r, err)
	}
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("errors.Is(%v, ErrMalformed) = false; want true", err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %T; want *ParseError", err)
	}
	if pe.Format != format || pe.Field != field || !strings.Contains(pe.Reason, reason) {
		t.Errorf("ParseError = {%q %q %q}; want {%q %q ...%q...}", pe.Format, pe.Field, pe.Reason, format, field, reason)
	}
}

func TestHTTPRequestOverMaxPayload(t *testing.T) {
	big := make([]byte, MaxPayload+1)
	for name, parse := range map[string]func(context.Context, []byte) (*http.Request, error){
		formatFCHTTP: FCHTTPRequest, formatLambdaHTTP: LambdaHTTPRequest,
	} {
		r, err := parse(context.Background(), big)
		checkParseError(t, r, err, name, "", "limit is")
	}
}
