package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/sts-token/mint"
	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
)

// BenchmarkCachedRequest is one in-process request whose credentials are
// already cached: JWT check (callerauth's verified-token cache), profile,
// cache hit, JSON response. Issue 7's target is 20 µs.
func BenchmarkCachedRequest(b *testing.B) {
	st := newStack(b)
	// One request, reused: parsing it is the HTTP server's cost, not ours.
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Authorization", "Bearer "+token(b, "bench-user", st.clock.Now()))
	w := &discardWriter{header: http.Header{}}
	st.handler.ServeHTTP(w, r)
	if w.status != http.StatusOK {
		b.Fatalf("warm-up status = %d; want 200", w.status)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clear(w.header)
		w.status = 0
		st.handler.ServeHTTP(w, r)
		if w.status != http.StatusOK {
			b.Fatalf("status = %d; want 200", w.status)
		}
	}
	if st.assumes.Load() != 1 {
		b.Fatalf("%d AssumeRole calls; the cached path must make none after the first", st.assumes.Load())
	}
}

// BenchmarkMintCacheHit is the use case alone, for comparison with the
// full request above.
func BenchmarkMintCacheHit(b *testing.B) {
	now := time.Now()
	m, err := mint.New(mint.Config{Layout: sessionpolicy.Layout{Bucket: bucket, UploadPrefix: "uploads", ThumbPrefix: "thumbs"}},
		mint.AssumeFunc(func(context.Context, mint.Request) (mint.Credentials, error) {
			return mint.Credentials{AccessKeyID: "STS.x", AccessKeySecret: "s", SecurityToken: "t", Expiration: now.Add(time.Hour)}, nil
		}))
	if err != nil {
		b.Fatal(err)
	}
	c := mint.Caller{Subject: "u1", Segment: "u1", SessionName: "u1"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Mint(ctx, c, sessionpolicy.Upload); err != nil {
			b.Fatal(err)
		}
	}
}

// discardWriter is the cheapest http.ResponseWriter: it keeps the status
// and drops the body, so the benchmark measures the handler.
type discardWriter struct {
	header http.Header
	status int
}

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) WriteHeader(code int)        { d.status = code }
func (d *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
