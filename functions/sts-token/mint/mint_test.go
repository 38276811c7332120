package mint

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
	"github.com/ossflow/ossflow/pkg/fault"
)

var layout = sessionpolicy.Layout{Bucket: "bkt", UploadPrefix: "uploads", ThumbPrefix: "thumbs"}

// fakeSTS counts calls and answers with credentials valid for the asked
// duration from the pinned clock, or with err.
type fakeSTS struct {
	mu    sync.Mutex
	now   *time.Time
	calls atomic.Int32
	err   error
	gate  chan struct{} // when set, calls wait for it
	last  Request
}

func (f *fakeSTS) AssumeRole(ctx context.Context, r Request) (Credentials, error) {
	n := f.calls.Add(1)
	if f.gate != nil {
		<-f.gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.last = r
	if f.err != nil {
		return Credentials{}, f.err
	}
	return Credentials{AccessKeyID: fmt.Sprintf("STS.%d", n), AccessKeySecret: "s", SecurityToken: "t", Expiration: f.now.Add(r.Duration)}, nil
}

func (f *fakeSTS) setErr(err error) { f.mu.Lock(); f.err = err; f.mu.Unlock() }

func newService(t *testing.T, cfg Config) (*Service, *fakeSTS, *time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	f := &fakeSTS{now: &now}
	cfg.Layout = layout
	cfg.Clock = func() time.Time { return now }
	s, err := New(cfg, f)
	if err != nil {
		t.Fatal(err)
	}
	return s, f, &now
}

var u1 = Caller{Subject: "u1", Segment: "u1", SessionName: "u1"}

func TestMintCachesUntilRefresh(t *testing.T) {
	s, f, now := newService(t, Config{})
	ctx := context.Background()
	g, err := s.Mint(ctx, u1, sessionpolicy.Upload)
	if err != nil {
		t.Fatal(err)
	}
	if g.Cached || g.Prefix != "uploads/u1/" || g.AccessKeyID != "STS.1" {
		t.Errorf("first grant = %+v; want fresh STS.1 under uploads/u1/", g)
	}
	want, _ := sessionpolicy.Build(layout, sessionpolicy.Upload, "u1")
	if f.last.Policy != want || f.last.SessionName != "u1" || f.last.Duration != 900*time.Second {
		t.Errorf("AssumeRole got %+v; want the upload policy, session u1, 900s", f.last)
	}
	*now = now.Add(599 * time.Second) // 301 s left: still above RefreshBefore
	if g, _ := s.Mint(ctx, u1, sessionpolicy.Upload); !g.Cached || g.AccessKeyID != "STS.1" {
		t.Errorf("grant with 301s left = %+v; want the cached STS.1", g)
	}
	if _, err := s.Mint(ctx, u1, sessionpolicy.Read); err != nil || f.calls.Load() != 2 {
		t.Errorf("another profile made %d calls (%v); want its own call", f.calls.Load(), err)
	}
	*now = now.Add(2 * time.Second) // 299 s left: refresh
	if g, _ := s.Mint(ctx, u1, sessionpolicy.Upload); g.Cached || g.AccessKeyID != "STS.3" {
		t.Errorf("grant with 299s left = %+v; want a fresh set", g)
	}
}

func TestConcurrentMissesShareOneCall(t *testing.T) {
	s, f, _ := newService(t, Config{})
	f.gate = make(chan struct{})
	const n = 64
	var wg sync.WaitGroup
	keys := make(chan string, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, err := s.Mint(context.Background(), u1, sessionpolicy.Upload)
			if err != nil {
				t.Error(err)
			}
			keys <- g.AccessKeyID
		}()
	}
	// Let every goroutine reach the flight, then release the one call.
	for f.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(f.gate)
	wg.Wait()
	close(keys)
	if c := f.calls.Load(); c != 1 {
		t.Errorf("%d concurrent calls made %d AssumeRole calls; want 1", n, c)
	}
	for k := range keys {
		if k != "STS.1" {
			t.Errorf("a caller got %q; want the shared STS.1", k)
		}
	}
}

func TestThrottlingServesCachedOr503(t *testing.T) {
	s, f, now := newService(t, Config{})
	ctx := context.Background()
	if _, err := s.Mint(ctx, u1, sessionpolicy.Upload); err != nil {
		t.Fatal(err)
	}
	f.setErr(fault.Wrap(fault.Unavailable, "", errors.New("Throttling.User")))
	*now = now.Add(700 * time.Second) // 200 s left: due for refresh, still usable
	g, err := s.Mint(ctx, u1, sessionpolicy.Upload)
	if err != nil || !g.Cached || g.AccessKeyID != "STS.1" {
		t.Fatalf("throttled with a usable set = %+v, %v; want the cached set", g, err)
	}
	*now = now.Add(150 * time.Second) // 50 s left: below MinRemaining
	_, err = s.Mint(ctx, u1, sessionpolicy.Upload)
	if fault.KindOf(err) != fault.Unavailable || fault.PublicMessage(err) != "credential service busy, retry later" {
		t.Errorf("throttled without a usable set: %v (kind %v); want Unavailable", err, fault.KindOf(err))
	}
	if _, err := s.Mint(ctx, Caller{Subject: "u2", Segment: "u2", SessionName: "u2"}, sessionpolicy.Upload); fault.KindOf(err) != fault.Unavailable {
		t.Errorf("throttled, never cached: %v; want Unavailable", err)
	}
}

func TestUpstreamFailure(t *testing.T) {
	s, f, _ := newService(t, Config{})
	f.setErr(fault.Wrap(fault.Internal, "", errors.New("NoPermission: secret-ish detail")))
	_, err := s.Mint(context.Background(), u1, sessionpolicy.Upload)
	if !errors.Is(err, ErrUpstream) || fault.KindOf(err) != fault.Internal {
		t.Fatalf("err = %v; want ErrUpstream, kind Internal", err)
	}
	if strings.Contains(fault.PublicMessage(err), "NoPermission") {
		t.Errorf("public message %q leaks STS's detail", fault.PublicMessage(err))
	}
	f.setErr(nil)
	if _, err := s.Mint(context.Background(), u1, sessionpolicy.Upload); err != nil {
		t.Errorf("a failure must not be cached: %v", err)
	}
}

func TestUnscopableCallerIsForbidden(t *testing.T) {
	s, f, _ := newService(t, Config{})
	_, err := s.Mint(context.Background(), Caller{Subject: "x", Segment: "../x", SessionName: "x"}, sessionpolicy.Upload)
	if fault.KindOf(err) != fault.Forbidden || f.calls.Load() != 0 {
		t.Errorf("err = %v, calls = %d; want Forbidden before any STS call", err, f.calls.Load())
	}
}

func TestCacheIsBounded(t *testing.T) {
	s, f, _ := newService(t, Config{CacheSize: 2})
	ctx := context.Background()
	for _, sub := range []string{"a1", "a2", "a3", "a1"} {
		if _, err := s.Mint(ctx, Caller{Subject: sub, Segment: sub, SessionName: sub}, sessionpolicy.Upload); err != nil {
			t.Fatal(err)
		}
	}
	if s.cache.len() != 2 {
		t.Errorf("cache holds %d entries; want 2", s.cache.len())
	}
	if c := f.calls.Load(); c != 4 {
		t.Errorf("%d calls; want 4 (a1 was evicted by a3)", c)
	}
}

func TestWaiterCanGiveUp(t *testing.T) {
	s, f, _ := newService(t, Config{})
	f.gate = make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := s.Mint(ctx, u1, sessionpolicy.Upload); done <- err }()
	for f.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled waiter got %v; want context.Canceled", err)
	}
	close(f.gate)
	// The shared call finished for the others and filled the cache.
	deadline := time.Now().Add(5 * time.Second)
	for s.cache.len() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if g, err := s.Mint(context.Background(), u1, sessionpolicy.Upload); err != nil || !g.Cached {
		t.Errorf("after the abandoned call: %+v, %v; want its cached result", g, err)
	}
}

func TestDurationIsClamped(t *testing.T) {
	tests := []struct{ asked, roleMax, want time.Duration }{
		{0, 0, 900 * time.Second},
		{60 * time.Second, 0, 900 * time.Second},
		{2 * time.Hour, 0, time.Hour},
		{2 * time.Hour, 3 * time.Hour, 2 * time.Hour},
		{20 * time.Hour, 12 * time.Hour, 12 * time.Hour},
	}
	for _, tt := range tests {
		c := Config{Duration: tt.asked, RoleMaxDuration: tt.roleMax}.WithDefaults()
		if c.Duration != tt.want {
			t.Errorf("Duration %v with role max %v = %v; want %v", tt.asked, tt.roleMax, c.Duration, tt.want)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	_, err := New(Config{Layout: sessionpolicy.Layout{Bucket: "B"}, RoleMaxDuration: time.Minute, RefreshBefore: time.Hour, CacheSize: -1}, &fakeSTS{})
	for _, want := range []string{"Layout", "RoleMaxDuration", "RefreshBefore", "CacheSize"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("New error %v does not name %s", err, want)
		}
	}
}
