package fcemu

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/events"
)

// TestHTTPEventRoundTrip renders requests as the emulator hands them to a
// go1 function and reads them back with the parser the functions use.
func TestHTTPEventRoundTrip(t *testing.T) {
	now := time.Date(2026, 11, 22, 1, 2, 3, 0, time.UTC)
	for _, tc := range []struct {
		name, method, target string
		body                 []byte
		wantB64              bool
	}{
		{"json post", "POST", "http://fn.example.com/web/a%20b?x=1&x=2", []byte(`{"a":1}`), false},
		{"binary body", "PUT", "http://fn.example.com/web/bin", []byte{0xff, 0x00, 0xfe}, true},
		{"get without body", "GET", "http://fn.example.com/web/", nil, false},
	} {
		r := httptest.NewRequest(tc.method, tc.target, bytes.NewReader(tc.body))
		r.Header.Set("Authorization", "Bearer abc")
		r.Header.Set("X-Fc-Access-Key-Secret", "posing-as-the-platform")
		path := r.URL.Path[len("/web"):]
		payload := httpEvent(r, path, tc.body, "1-req", "1234", now)

		var raw struct {
			IsBase64Encoded bool
			RequestContext  struct {
				RequestID, TimeEpoch string
				HTTP                 struct{ SourceIP string }
			}
		}
		if err := json.Unmarshal(payload, &raw); err != nil {
			t.Fatalf("%s: event is not JSON: %v", tc.name, err)
		}
		if raw.IsBase64Encoded != tc.wantB64 || raw.RequestContext.RequestID != "1-req" ||
			raw.RequestContext.TimeEpoch != "1795309323000" || raw.RequestContext.HTTP.SourceIP != "192.0.2.1" {
			t.Errorf("%s: event = %s", tc.name, payload)
		}
		got, err := events.FCHTTPRequest(context.Background(), payload)
		if err != nil {
			t.Fatalf("%s: FCHTTPRequest: %v", tc.name, err)
		}
		body, _ := io.ReadAll(got.Body)
		if got.Method != tc.method || got.URL.Path != path || !bytes.Equal(body, tc.body) {
			t.Errorf("%s: parsed %s %s body %q; want %s %s body %q", tc.name, got.Method, got.URL.Path, body, tc.method, path, tc.body)
		}
		if q := got.URL.Query()["x"]; tc.name == "json post" && (len(q) != 1 || q[0] != "1,2") {
			t.Errorf("%s: query x = %q; want the joined value \"1,2\"", tc.name, q)
		}
		if got.Header.Get("Authorization") != "Bearer abc" || got.Header.Get("X-Fc-Access-Key-Secret") != "" {
			t.Errorf("%s: headers = %v; want the client's, without x-fc-*", tc.name, got.Header)
		}
	}
}
