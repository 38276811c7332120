package notify

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var fast = Retry{Min: time.Millisecond, Max: 5 * time.Millisecond}

// flakySink fails the first `fails` attempts of every item, then records it.
type flakySink struct {
	fails int
	mu    sync.Mutex
	tries map[string]int
	got   []Item
	ch    chan Item
}

func newFlakySink(fails int) *flakySink {
	return &flakySink{fails: fails, tries: map[string]int{}, ch: make(chan Item, 100)}
}

func (s *flakySink) deliver(_ context.Context, it Item) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries[it.ID]++
	if s.tries[it.ID] <= s.fails {
		return errors.New("sink down")
	}
	s.got = append(s.got, it)
	s.ch <- it
	return nil
}

func waitFor(t *testing.T, ch <-chan Item, n int) []Item {
	t.Helper()
	var out []Item
	for len(out) < n {
		select {
		case it := <-ch:
			out = append(out, it)
		case <-time.After(10 * time.Second):
			t.Fatalf("delivered %d items; want %d", len(out), n)
		}
	}
	return out
}

func TestDeliversOnceAfterFailures(t *testing.T) {
	for _, dir := range []string{"", "disk"} {
		t.Run("dir="+dir, func(t *testing.T) {
			if dir != "" {
				dir = t.TempDir()
			}
			sink := newFlakySink(2)
			q, err := Open(Options{Dir: dir, Retry: fast}, sink.deliver)
			if err != nil {
				t.Fatal(err)
			}
			defer q.Close()
			for _, p := range []string{"a", "b", "c"} {
				if _, err := q.Enqueue(map[string]string{"rule": "r1"}, []byte(p)); err != nil {
					t.Fatal(err)
				}
			}
			got := waitFor(t, sink.ch, 3)
			seen := map[string]bool{}
			for _, it := range got {
				if seen[string(it.Payload)] {
					t.Errorf("payload %s delivered twice", it.Payload)
				}
				seen[string(it.Payload)] = true
				if it.Attempt != 3 || it.Headers["rule"] != "r1" {
					t.Errorf("item %s: attempt = %d, rule = %q; want 3, r1", it.Payload, it.Attempt, it.Headers["rule"])
				}
			}
			if err := q.Close(); err != nil {
				t.Fatal(err)
			}
			if n := q.Pending(); n != 0 {
				t.Errorf("pending = %d after delivery; want 0", n)
			}
			if dir != "" {
				if left, _ := os.ReadDir(filepath.Join(dir, "queue")); len(left) != 0 {
					t.Errorf("queue dir holds %d files after delivery; want 0", len(left))
				}
			}
		})
	}
}

func TestSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	down := func(ctx context.Context, it Item) error { return errors.New("sink down") }
	q, err := Open(Options{Dir: dir, Retry: fast}, down)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range []string{"first", "second", "third"} {
		it, err := q.Enqueue(nil, []byte(p))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, it.ID)
	}
	q.Close()
	if _, err := q.Enqueue(nil, []byte("late")); !errors.Is(err, ErrClosed) {
		t.Errorf("enqueue after close: err = %v; want ErrClosed", err)
	}

	sink := newFlakySink(0)
	q2, err := Open(Options{Dir: dir, Retry: fast}, sink.deliver)
	if err != nil {
		t.Fatal(err)
	}
	defer q2.Close()
	got := waitFor(t, sink.ch, 3)
	for i, want := range []string{"first", "second", "third"} {
		if string(got[i].Payload) != want || got[i].ID != ids[i] {
			t.Errorf("delivery %d = %s %s; want %s %s", i, got[i].ID, got[i].Payload, ids[i], want)
		}
	}
}

func TestDropsAfterMaxAttempts(t *testing.T) {
	dir := t.TempDir()
	dropped := make(chan error, 1)
	r := fast
	r.MaxAttempts = 3
	tries := 0
	q, err := Open(Options{Dir: dir, Retry: r, OnDrop: func(it Item, err error) { dropped <- err }},
		func(ctx context.Context, it Item) error { tries++; return errors.New("permanent") })
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	it, err := q.Enqueue(nil, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-dropped:
		if err == nil || err.Error() != "permanent" {
			t.Errorf("drop error = %v; want permanent", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("item never dropped")
	}
	q.Close()
	if tries != 3 {
		t.Errorf("tries = %d; want 3", tries)
	}
	if _, err := os.Stat(filepath.Join(dir, "dead", it.ID+".json")); err != nil {
		t.Errorf("dropped item not kept in dead/: %v", err)
	}
}

func TestCorruptFileIsSetAside(t *testing.T) {
	dir := t.TempDir()
	q, err := Open(Options{Dir: dir, Retry: fast}, func(context.Context, Item) error { return errors.New("down") })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Enqueue(nil, []byte("good")); err != nil {
		t.Fatal(err)
	}
	q.Close()
	if err := os.WriteFile(filepath.Join(dir, "queue", "0-bad.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	sink := newFlakySink(0)
	q2, err := Open(Options{Dir: dir, Retry: fast}, sink.deliver)
	if err != nil {
		t.Fatal(err)
	}
	defer q2.Close()
	if got := waitFor(t, sink.ch, 1); string(got[0].Payload) != "good" {
		t.Errorf("delivered %s; want good", got[0].Payload)
	}
	if _, err := os.Stat(filepath.Join(dir, "dead", "0-bad.json")); err != nil {
		t.Errorf("corrupt item not moved to dead/: %v", err)
	}
}

func TestOpenRejectsBadOptions(t *testing.T) {
	ok := func(context.Context, Item) error { return nil }
	tests := []struct {
		name    string
		opts    Options
		deliver DeliverFunc
	}{
		{"no deliver func", Options{}, nil},
		{"negative min", Options{Retry: Retry{Min: -1}}, ok},
		{"min above max", Options{Retry: Retry{Min: time.Second, Max: time.Millisecond}}, ok},
		{"negative attempts", Options{Retry: Retry{MaxAttempts: -1}}, ok},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if q, err := Open(tt.opts, tt.deliver); err == nil {
				q.Close()
				t.Fatal("Open succeeded; want an error")
			}
		})
	}
}

func TestBackoffDoublesWithinCap(t *testing.T) {
	r := Retry{Min: 100 * time.Millisecond, Max: time.Second}
	tests := []struct {
		n      int
		lo, hi time.Duration
	}{
		{1, 50 * time.Millisecond, 100 * time.Millisecond},
		{2, 100 * time.Millisecond, 200 * time.Millisecond},
		{4, 400 * time.Millisecond, 800 * time.Millisecond},
		{10, 500 * time.Millisecond, time.Second},
	}
	for _, tt := range tests {
		for range 50 {
			if d := r.backoff(tt.n); d < tt.lo || d > tt.hi {
				t.Fatalf("backoff(%d) = %s; want within [%s, %s]", tt.n, d, tt.lo, tt.hi)
			}
		}
	}
}
