package osskit

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// pagedLister serves keys in pages of size n, failing on page failAt (1-based; 0 = never).
type pagedLister struct {
	keys   []string
	n      int
	failAt int
	calls  int
	broken bool // truncated pages without a token
}

func (p *pagedLister) ListObjects(_ context.Context, _ Bucket, opts ListOptions) (ListPage, error) {
	p.calls++
	if p.calls == p.failAt {
		return ListPage{}, &Error{Kind: ErrUnavailable, Op: "ListObjects"}
	}
	start := 0
	if opts.ContinuationToken != "" {
		fmt.Sscanf(opts.ContinuationToken, "%d", &start)
	}
	end := min(start+p.n, len(p.keys))
	var page ListPage
	for _, k := range p.keys[start:end] {
		page.Objects = append(page.Objects, ObjectInfo{Key: k})
	}
	if end < len(p.keys) {
		page.IsTruncated = true
		if !p.broken {
			page.NextContinuationToken = fmt.Sprint(end)
		}
	}
	return page, nil
}

func TestObjectsOf(t *testing.T) {
	b, _ := NewBucket("bucket")
	keys := []string{"a", "b", "c", "d", "e"}
	l := &pagedLister{keys: keys, n: 2}
	var got []string
	for o, err := range ObjectsOf(context.Background(), l, b, "") {
		if err != nil {
			t.Fatalf("ObjectsOf: %v", err)
		}
		got = append(got, o.Key)
	}
	if fmt.Sprint(got) != fmt.Sprint(keys) || l.calls != 3 {
		t.Errorf("got %v in %d calls; want %v in 3", got, l.calls, keys)
	}

	// Stopping early fetches no further pages.
	l = &pagedLister{keys: keys, n: 2}
	for range ObjectsOf(context.Background(), l, b, "") {
		break
	}
	if l.calls != 1 {
		t.Errorf("early stop made %d calls; want 1", l.calls)
	}

	// A failing page ends the sequence with its error.
	l = &pagedLister{keys: keys, n: 2, failAt: 2}
	var n int
	var last error
	for _, err := range ObjectsOf(context.Background(), l, b, "") {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	if n != 2 || !errors.Is(last, ErrUnavailable) {
		t.Errorf("got %d objects, err %v; want 2 and ErrUnavailable", n, last)
	}

	// A truncated page without a token is an error, not an endless loop.
	l = &pagedLister{keys: keys, n: 2, broken: true}
	last = nil
	for _, err := range ObjectsOf(context.Background(), l, b, "") {
		last = err
	}
	if !errors.Is(last, ErrUnavailable) || l.calls != 1 {
		t.Errorf("broken paging: err %v after %d calls; want ErrUnavailable after 1", last, l.calls)
	}
}

func TestCheckPageSize(t *testing.T) {
	for n, ok := range map[int]bool{0: true, 1: true, 1000: true, -1: false, 1001: false} {
		if err := CheckPageSize("ListObjects", n); (err == nil) != ok {
			t.Errorf("CheckPageSize(%d) = %v; want ok %v", n, err, ok)
		}
	}
}

func TestByteRange(t *testing.T) {
	if got := (ByteRange{Start: 0, End: 99}).Header(); got != "bytes=0-99" {
		t.Errorf("Header() = %q", got)
	}
	if got := (ByteRange{Start: 5, End: -1}).Header(); got != "bytes=5-" {
		t.Errorf("Header() = %q", got)
	}
	for _, r := range []ByteRange{{-1, 5}, {5, 4}} {
		if err := r.Validate(); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%+v.Validate() = %v; want ErrInvalidArgument", r, err)
		}
	}
}
