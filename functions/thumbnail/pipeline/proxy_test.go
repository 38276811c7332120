package pipeline

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"
)

// proxy is an httptest reverse proxy in front of the emulator that records
// every request and can answer some with an OSS 503 instead.
type proxy struct {
	URL string
	mu  sync.Mutex
	log []recorded
	// fail decides, per request, whether to answer 503 ServiceUnavailable.
	fail     func(r *http.Request) bool
	injected int
}

type recorded struct {
	Method, Path string
	Header       http.Header
}

func newProxy(t testing.TB, target string) *proxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{}
	rp := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.log = append(p.log, recorded{r.Method, r.URL.Path, r.Header.Clone()})
		fail := p.fail != nil && p.fail(r)
		if fail {
			p.injected++
		}
		p.mu.Unlock()
		if fail {
			_, _ = io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code>`+
				`<Message>injected</Message><RequestId>INJECTED</RequestId></Error>`)
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

func (p *proxy) setFail(f func(r *http.Request) bool) {
	p.mu.Lock()
	p.fail = f
	p.mu.Unlock()
}

// since returns the requests recorded after mark (a previous len).
func (p *proxy) since(mark int) []recorded {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]recorded(nil), p.log[mark:]...)
}

func (p *proxy) mark() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.log)
}

func methods(rs []recorded) map[string]int {
	m := map[string]int{}
	for _, r := range rs {
		m[r.Method]++
	}
	return m
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
