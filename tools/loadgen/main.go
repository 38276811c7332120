// Command loadgen sends paced HTTP requests to one of the local cloud's
// functions, from a process of its own, and prints the latency percentiles
// the issues' targets name (p99 at 200 requests/s). It reads the function
// URL and a demo user's token from the running local cloud's endpoints.json,
// so it needs `make run` (or `go run ./localstack`) in another terminal:
//
//	go run ./tools/loadgen -fn sts-token -rate 200 -n 2000
//	go run ./tools/loadgen -fn post-policy -body '{"filename":"a.jpg","contentType":"image/jpeg","size":100,"mode":"post"}'
//
// The load is bounded by -n requests and stops on the first non-2xx answer.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ossflow/ossflow/localstack/cloud"
)

func main() {
	endpoints := flag.String("endpoints", ".localstack/endpoints.json", "the running local cloud's endpoints file")
	fn := flag.String("fn", "sts-token", "HTTP function to call")
	body := flag.String("body", "", "request body (POST); empty sends POST with no body")
	rate := flag.Int("rate", 200, "requests per second")
	n := flag.Int("n", 2000, "requests to send (the run is bounded by this)")
	warm := flag.Int("warmup", 50, "requests sent first and not measured")
	flag.Parse()
	if err := run(*endpoints, *fn, *body, *rate, *n, *warm); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(path, fn, body string, rate, n, warm int) error {
	if rate < 1 || rate > 5000 || n < 1 || n > 100000 {
		return fmt.Errorf("rate must be 1..5000 and n 1..100000")
	}
	e, err := cloud.ReadEndpoints(path)
	if err != nil {
		return err
	}
	url, ok := e.Functions[fn]
	if !ok || len(e.Users) == 0 {
		return fmt.Errorf("%s lists no function %q or no demo user", path, fn)
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	auth := "Bearer " + e.Users[0].Token
	send := func() (time.Duration, error) {
		req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Authorization", auth)
		req.Header.Set("Content-Type", "application/json")
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return 0, fmt.Errorf("status %d from %s", resp.StatusCode, url)
		}
		return time.Since(start), nil
	}
	for range warm {
		if _, err := send(); err != nil {
			return err
		}
	}
	interval := time.Second / time.Duration(rate)
	lat := make([]time.Duration, 0, n)
	next := time.Now()
	for range n {
		if d := time.Until(next); d > 0 {
			time.Sleep(d)
		}
		next = next.Add(interval)
		d, err := send()
		if err != nil {
			return err
		}
		lat = append(lat, d)
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p))] }
	fmt.Printf("%s: %d requests at %d/s: p50 %v  p90 %v  p99 %v  max %v\n",
		fn, n, rate, pct(0.50).Round(time.Microsecond), pct(0.90).Round(time.Microsecond),
		pct(0.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
	return nil
}
