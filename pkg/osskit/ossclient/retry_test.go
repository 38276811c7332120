package ossclient

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// countingCreds counts how often the client asks for credentials.
type countingCreds struct{ n atomic.Int32 }

func (c *countingCreds) Credentials(context.Context) (events.Credentials, error) {
	c.n.Add(1)
	return events.Credentials{AccessKeyID: testKeyID, AccessKeySecret: testSecret}, nil
}

func TestRetryPolicy(t *testing.T) {
	tests := []struct {
		name      string
		statuses  []int // per attempt; the last repeats
		codes     []string
		wantCalls int32
		wantErr   error // nil = success
	}{
		{"503 then 200 retries once", []int{503, 200}, []string{"ServiceUnavailable", ""}, 2, nil},
		{"429 then 200 retries once", []int{429, 200}, []string{"Throttling", ""}, 2, nil},
		{"403 is not retried", []int{403}, []string{"AccessDenied"}, 1, osskit.ErrAccessDenied},
		{"401 is not retried", []int{401}, []string{"InvalidAccessKeyId"}, 1, osskit.ErrAccessDenied},
		{"400 BadRequest is not retried", []int{400}, []string{"BadRequest"}, 1, osskit.ErrInvalidArgument},
		{"409 is not retried", []int{409}, []string{"FileAlreadyExists"}, 1, osskit.ErrAlreadyExists},
		{"persistent 500 stops at max attempts", []int{500}, []string{"InternalError"}, 3, osskit.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			var bodies [][]byte
			creds := &countingCreds{}
			c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := int(calls.Add(1)) - 1
				b, _ := io.ReadAll(r.Body)
				bodies = append(bodies, b)
				i = min(i, len(tt.statuses)-1)
				if tt.statuses[i] != 200 {
					ossError(w, tt.statuses[i], tt.codes[i], "canned")
					return
				}
				w.Header().Set("ETag", `"ABC"`)
			}), func(c *Config) { c.Credentials = creds })
			_, err := c.PutObject(context.Background(), mustBucket(t, "bkt"), mustKey(t, "k"),
				bytes.NewReader([]byte("payload")), osskit.PutOptions{})
			if got := calls.Load(); got != tt.wantCalls {
				t.Errorf("attempts = %d; want %d", got, tt.wantCalls)
			}
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v; want %v", err, tt.wantErr)
			}
			for i, b := range bodies {
				if string(b) != "payload" {
					t.Errorf("attempt %d sent body %q; want the full body again", i+1, b)
				}
			}
			// Credentials are fetched for every attempt, so a rotated key is picked up.
			if got := creds.n.Load(); got != tt.wantCalls {
				t.Errorf("credential reads = %d; want %d (one per attempt)", got, tt.wantCalls)
			}
		})
	}
}

func TestStalledServerTimesOut(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}), func(c *Config) { c.ReadWriteTimeout = 50 * time.Millisecond; c.MaxAttempts = 2 })
	// Registered after the server's Close, so it runs first and unblocks handlers.
	t.Cleanup(func() { close(release) })
	_, err := c.HeadObject(context.Background(), mustBucket(t, "bkt"), mustKey(t, "k"))
	if !errors.Is(err, osskit.ErrUnavailable) {
		t.Fatalf("err = %v; want ErrUnavailable", err)
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("attempts = %d; want 2 (a timeout is transient, bounded by MaxAttempts)", got)
	}
}

func TestContextDeadlineStopsRetries(t *testing.T) {
	var calls atomic.Int32
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		ossError(w, 503, "ServiceUnavailable", "busy")
	}), func(c *Config) { c.MaxAttempts = 10; c.BaseDelay = time.Second; c.MaxBackoff = time.Second })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.HeadObject(ctx, mustBucket(t, "bkt"), mustKey(t, "k"))
	if !errors.Is(err, osskit.ErrUnavailable) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v; want ErrUnavailable wrapping context.Canceled", err)
	}
	if got := calls.Load(); got > 1 {
		t.Errorf("attempts = %d after cancel; want at most 1", got)
	}
}

func TestBackoffBounds(t *testing.T) {
	j := fullJitter{base: 100 * time.Millisecond, max: time.Second}
	// The SDK calls BackoffDelay with attempt 2 for the first retry.
	ceilings := map[int]time.Duration{2: 100 * time.Millisecond, 3: 200 * time.Millisecond, 4: 400 * time.Millisecond,
		5: 800 * time.Millisecond, 6: time.Second, 60: time.Second}
	for attempt, ceiling := range ceilings {
		for range 200 {
			d, err := j.BackoffDelay(attempt, nil)
			if err != nil || d < 0 || d >= ceiling {
				t.Fatalf("attempt %d: delay %v, %v; want in [0, %v)", attempt, d, err, ceiling)
			}
		}
	}
	if d, _ := (fullJitter{}).BackoffDelay(3, nil); d != 0 {
		t.Errorf("zero backoff delay = %v; want 0", d)
	}
}
