package stsemu

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzServe: whatever query and form arrive, the emulator answers JSON
// with a status, never panics, and issues nothing without a valid
// signature (the fuzzer cannot forge HMAC-SHA1).
func FuzzServe(f *testing.F) {
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	good := baseParams(now, "seed")
	good.Set("Signature", Sign(good, http.MethodPost, userSecret))
	f.Add(good.Encode(), "")
	f.Add("Action=AssumeRole&DurationSeconds=99999999999999999999", "Policy=%7B")
	f.Add("", "RoleArn=acs%3Aram%3A%3A1%3Arole%2Fx")
	cfg := testConfig()
	cfg.Clock = func() time.Time { return now }
	s, err := New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, query, form string) {
		r := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: "/", RawQuery: query}, Host: "sts.local",
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, Body: io.NopCloser(strings.NewReader(form))}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		var body map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatalf("status %d with a non-JSON body %q", w.Code, w.Body)
		}
		if w.Code == http.StatusOK && body["Credentials"] != nil && query != good.Encode() {
			// Only a correctly signed request may get credentials; the
			// seed is the one the fuzzer was given.
			if r.URL.Query().Get("Signature") == "" {
				t.Fatalf("credentials issued without a signature: %q", query)
			}
		}
	})
}
