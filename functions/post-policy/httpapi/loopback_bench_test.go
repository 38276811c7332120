package httpapi

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
)

// BenchmarkHTTPLoopback200rps sends POST / (mode post) over real loopback
// HTTP, paced at 200 requests per second, and reports the latency
// percentiles the target names (p99 ≤ 2 ms at 200 req/s). ns/op
// is the pacing interval, not the latency: read p50-ms and p99-ms.
func BenchmarkHTTPLoopback200rps(b *testing.B) {
	e := newEnv(b, grant.Config{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	defer client.CloseIdleConnections()
	auth := "Bearer " + token(b, "alice")
	body := `{"filename":"IMG_0001.JPG","contentType":"image/jpeg","size":100,"mode":"post"}`
	const interval = 5 * time.Millisecond
	var lat []time.Duration
	next := time.Now()
	for b.Loop() {
		if d := time.Until(next); d > 0 {
			time.Sleep(d)
		}
		next = next.Add(interval)
		req, _ := http.NewRequest(http.MethodPost, e.fn.URL+"/", strings.NewReader(body))
		req.Header.Set("Authorization", auth)
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		lat = append(lat, time.Since(start))
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status = %d; want 200", resp.StatusCode)
		}
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(float64(len(lat))*p))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
