package events

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
)

func TestFCHTTPResponse(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00")
	tests := []struct {
		name     string
		status   int
		header   http.Header
		body     []byte
		wantBody string
		wantB64  bool
		wantHdr  map[string]string
	}{
		{"json", 201, http.Header{"Content-Type": {"application/json"}}, []byte(`{"ok":true}`), `{"ok":true}`, false,
			map[string]string{"Content-Type": "application/json"}},
		{"png", 200, http.Header{"Content-Type": {"image/png"}}, png, base64.StdEncoding.EncodeToString(png), true,
			map[string]string{"Content-Type": "image/png"}},
		{"text not utf8", 200, http.Header{"Content-Type": {"text/plain"}}, []byte{0xff, 0xfe}, "//4=", true, nil},
		{"sniffed html", 200, http.Header{}, []byte("<html><body>hi"), "<html><body>hi", false, nil},
		{"sniffed binary", 200, http.Header{}, png, base64.StdEncoding.EncodeToString(png), true, nil},
		{"multi-value joined", 204, http.Header{"Vary": {"Accept", "Origin"}, "Set-Cookie": {"a=1", "b=2"}}, nil, "", false,
			map[string]string{"Vary": "Accept, Origin", "Set-Cookie": "a=1, b=2"}},
		{"svg", 200, http.Header{"Content-Type": {"image/svg+xml"}}, []byte("<svg/>"), "<svg/>", false, nil},
		{"form", 200, http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, []byte("a=1"), "a=1", false, nil},
		{"js", 200, http.Header{"Content-Type": {"text/javascript; charset=utf-8"}}, []byte("x()"), "x()", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := FCHTTPResponse(tt.status, tt.header, tt.body)
			if err != nil {
				t.Fatalf("FCHTTPResponse: %v", err)
			}
			// Decode with the FC SDK's type: this is what FC itself reads.
			var got fcevents.HTTPTriggerResponse
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("decode %s: %v", out, err)
			}
			if got.StatusCode != tt.status {
				t.Errorf("statusCode = %d; want %d", got.StatusCode, tt.status)
			}
			if got.Body != tt.wantBody || got.IsBase64Encoded != tt.wantB64 {
				t.Errorf("body, isBase64Encoded = %q, %v; want %q, %v", got.Body, got.IsBase64Encoded, tt.wantBody, tt.wantB64)
			}
			for k, v := range tt.wantHdr {
				if got.Headers[k] != v {
					t.Errorf("headers[%s] = %q; want %q", k, got.Headers[k], v)
				}
			}
			if got.Headers == nil {
				t.Errorf("headers = null; want an object")
			}
		})
	}
}

func TestHTTPResponseBadStatus(t *testing.T) {
	for _, status := range []int{0, 99, 1000, -1} {
		if _, err := FCHTTPResponse(status, nil, nil); err == nil {
			t.Errorf("FCHTTPResponse(%d) err = nil; want an error", status)
		}
		if _, err := LambdaHTTPResponse(status, nil, nil); err == nil {
			t.Errorf("LambdaHTTPResponse(%d) err = nil; want an error", status)
		}
	}
}

// TestFCHTTPRoundTrip serves a request parsed from an FC payload with a real
// handler and checks the encoded response carries what the handler wrote.
func TestFCHTTPRoundTrip(t *testing.T) {
	r, err := FCHTTPRequest(context.Background(), fixture(t, "fc-http-binary.json"))
	if err != nil {
		t.Fatal(err)
	}
	in, _ := io.ReadAll(r.Body)
	h := http.Header{"Content-Type": {r.Header.Get("Content-Type")}, "X-Path": {r.URL.EscapedPath()}}
	out, err := FCHTTPResponse(http.StatusOK, h, in)
	if err != nil {
		t.Fatal(err)
	}
	var got fcevents.HTTPTriggerResponse
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	back, err := base64.StdEncoding.DecodeString(got.Body)
	if err != nil || !got.IsBase64Encoded || !bytes.Equal(back, in) {
		t.Errorf("response body did not round-trip: isBase64Encoded=%v err=%v equal=%v", got.IsBase64Encoded, err, bytes.Equal(back, in))
	}
	if got.Headers["X-Path"] != "/upload" {
		t.Errorf("headers[X-Path] = %q; want /upload", got.Headers["X-Path"])
	}
}
