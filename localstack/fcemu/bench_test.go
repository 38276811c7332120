package fcemu

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkHTTPTrigger measures a warm HTTP trigger round trip through the
// emulator for each runtime protocol, next to a plain loopback HTTP round
// trip (the reference): the ratio is the emulator's overhead.
func BenchmarkHTTPTrigger(b *testing.B) {
	b.Run("reference-loopback", func(b *testing.B) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"ok":true}`))
		}))
		defer srv.Close()
		benchPost(b, srv.URL+"/echo/x")
	})
	for _, custom := range []bool{false, true} {
		b.Run(map[bool]string{false: "go1", true: "custom"}[custom], func(b *testing.B) {
			ev := newEnv(b, nil, fnSpec{name: "web", kind: "http", custom: custom, triggers: httpTrigger})
			srv := httptest.NewServer(ev.e.HTTPHandler())
			defer srv.Close()
			benchPost(b, srv.URL+"/web/echo/x")
		})
	}
}

func benchPost(b *testing.B, url string) {
	do(b, "POST", url, "warm-up", nil) // cold start outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		resp, err := http.Post(url, "text/plain", strings.NewReader("hello"))
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			b.Fatalf("status = %d; want 201", resp.StatusCode)
		}
	}
}
