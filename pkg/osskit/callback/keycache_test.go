package callback

import (
	"context"
	"crypto/rsa"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestVerifyCachesKey(t *testing.T) {
	key, _, pemBytes := keys(t)
	ks := newKeyServer(t, false)
	ks.mux.HandleFunc("/k2.pem", func(w http.ResponseWriter, r *http.Request) {
		ks.fetches.Add(1)
		w.Write(pemBytes)
	})
	clock := &fakeClock{now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	cfg := plainConfig()
	cfg.CacheSize = 1
	cfg.CacheTTL = time.Hour
	v := newTestVerifier(t, cfg, ks.client(), clock)
	verify := func(keyURL string) {
		t.Helper()
		r := signedRequest(t, key, keyURL, "/cb", []byte("object=a"))
		if _, err := v.Verify(context.Background(), r); err != nil {
			t.Fatalf("Verify(%s) = %v; want nil", keyURL, err)
		}
	}
	steps := []struct {
		name    string
		do      func()
		fetches int64
	}{
		{"cold", func() { verify(ossKeyURL) }, 1},
		{"hit", func() { verify(ossKeyURL) }, 1},
		{"hit just before TTL", func() { clock.Advance(59 * time.Minute); verify(ossKeyURL) }, 1},
		{"expired", func() { clock.Advance(time.Minute); verify(ossKeyURL) }, 2},
		{"second URL evicts the first (size 1)", func() { verify("http://gosspublic.alicdn.com/k2.pem") }, 3},
		{"first URL fetched again", func() { verify(ossKeyURL) }, 4},
	}
	for _, s := range steps {
		s.do()
		if got := ks.fetches.Load(); got != s.fetches {
			t.Fatalf("%s: fetches = %d; want %d", s.name, got, s.fetches)
		}
		if n := v.cache.len(); n > cfg.CacheSize {
			t.Fatalf("%s: cache holds %d keys; bound %d", s.name, n, cfg.CacheSize)
		}
	}
}

// A failed fetch is not cached, so a transient CDN error heals on the next
// callback; a forged signature does not evict or refetch a good key.
func TestVerifyCacheFailuresAndForgeries(t *testing.T) {
	key, other, _ := keys(t)
	ks := newKeyServer(t, false)
	fail := true
	var mu sync.Mutex
	ks.mux.HandleFunc("/flaky.pem", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		ks.fetches.Add(1)
		if fail {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write(testPEM)
	})
	v := newTestVerifier(t, plainConfig(), ks.client(), nil)
	flaky := "http://gosspublic.alicdn.com/flaky.pem"
	if _, err := v.Verify(context.Background(), signedRequest(t, key, flaky, "/cb", nil)); ReasonOf(err) != ReasonKeyFetch {
		t.Fatalf("first Verify = %v; want %s", err, ReasonKeyFetch)
	}
	mu.Lock()
	fail = false
	mu.Unlock()
	if _, err := v.Verify(context.Background(), signedRequest(t, key, flaky, "/cb", nil)); err != nil {
		t.Fatalf("second Verify = %v; want nil", err)
	}
	for i := 0; i < 3; i++ {
		_, err := v.Verify(context.Background(), signedRequest(t, other, flaky, "/cb", nil))
		if ReasonOf(err) != ReasonBadSignature {
			t.Fatalf("forged Verify = %v; want %s", err, ReasonBadSignature)
		}
	}
	if n := ks.fetches.Load(); n != 2 {
		t.Errorf("fetches = %d; want 2 (one failure, one success, forgeries served from cache)", n)
	}
}

// Concurrent misses for one URL share one fetch.
func TestKeyCacheSharesInFlightFetch(t *testing.T) {
	key, _, _ := keys(t)
	c := newKeyCache(4, time.Hour, time.Now)
	release := make(chan struct{})
	started := make(chan struct{})
	waiting := make(chan struct{}, 16)
	c.onWait = func() { waiting <- struct{}{} }
	var calls int
	go func() {
		c.get(context.Background(), "u", func() (*rsa.PublicKey, error) {
			calls++
			close(started)
			<-release
			return &key.PublicKey, nil
		})
	}()
	<-started
	const waiters = 8
	var wg sync.WaitGroup
	errs := make(chan error, waiters)
	for i := 0; i < waiters; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := c.get(context.Background(), "u", func() (*rsa.PublicKey, error) {
				return nil, errors.New("second fetch")
			})
			if err == nil && k != &key.PublicKey {
				err = errors.New("waiter got a different key")
			}
			errs <- err
		}()
	}
	for i := 0; i < waiters; i++ {
		<-waiting // every waiter is parked on the in-flight fetch
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("waiter: %v", err)
		}
	}
	if calls != 1 {
		t.Errorf("fetch calls = %d; want 1", calls)
	}
}

// A waiter whose context ends gives up without breaking the fetch.
func TestKeyCacheWaiterCancel(t *testing.T) {
	key, _, _ := keys(t)
	c := newKeyCache(4, time.Hour, time.Now)
	release, started := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := c.get(context.Background(), "u", func() (*rsa.PublicKey, error) {
			close(started)
			<-release
			return &key.PublicKey, nil
		})
		done <- err
	}()
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.get(ctx, "u", nil); ReasonOf(err) != ReasonKeyFetch {
		t.Errorf("cancelled waiter = %v; want %s", err, ReasonKeyFetch)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("fetching caller = %v; want nil", err)
	}
}
