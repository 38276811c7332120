package pipeline

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/ossflow/ossflow/pkg/fault"
)

// complete reports whether all six default variants of uploads/a/b.jpg
// exist and were made from etag.
func (e *env) completeSet(t testing.TB, etag string) bool {
	t.Helper()
	for _, v := range defaultVariants {
		if info, ok := e.head(t, testBucket, v.key); !ok || info.Metadata["source-etag"] != etag {
			return false
		}
	}
	return true
}

// Each request's first attempt gets a 503: the OSS client's own bounded
// retry absorbs them and the first delivery succeeds.
func TestTransient503sRetriedInProcess(t *testing.T) {
	e := newEnv(t, envOpt{attempts: 3})
	ev := e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 800, 600), nil)
	var mu sync.Mutex
	seen := map[string]bool{}
	e.proxy.setFail(func(r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		id := r.Method + " " + r.URL.String()
		first := !seen[id]
		seen[id] = true
		return first
	})
	if err := e.deliver(ev); err != nil {
		t.Fatalf("Handle = %v; want nil once the client retried", err)
	}
	if e.proxy.injected < 8 {
		t.Errorf("injected %d 503s; want one per distinct request (>= 8)", e.proxy.injected)
	}
	if !e.completeSet(t, ev.ETag) {
		t.Error("variant set incomplete after success")
	}
}

// A share of all requests fail and the client tries each only twice, so
// some deliveries fail: each failure is a Retry error (FC re-delivers),
// never a silent success, and re-delivery ends with the whole set.
func TestRandom503sEventualSuccessNoPartialSet(t *testing.T) {
	e := newEnv(t, envOpt{attempts: 2})
	ev := e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 800, 600), nil)
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(6, 13))
	e.proxy.setFail(func(*http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		return rng.IntN(100) < 40
	})
	failures := 0
	for delivery := 1; ; delivery++ {
		if delivery > 40 {
			t.Fatalf("no success after 40 deliveries")
		}
		err := e.deliver(ev)
		if err == nil {
			break
		}
		failures++
		if fault.DispositionOf(err) != fault.Retry {
			t.Fatalf("delivery %d: %v (kind %s); want a Retry error so FC re-delivers", delivery, err, fault.KindOf(err))
		}
	}
	e.proxy.setFail(nil)
	if !e.completeSet(t, ev.ETag) {
		t.Error("Handle returned nil with the variant set incomplete")
	}
	if _, ok := e.head(t, testBucket, "thumbs/_failed/uploads/a/b.jpg.json"); ok {
		t.Error("transient errors produced a failure record")
	}
	t.Logf("%d 503s injected, %d failed deliveries before success", e.proxy.injected, failures)
}

// Writes of two variants keep failing: the record fails with a Retry error
// that says the set is incomplete; after recovery the re-delivered event
// writes only the two missing variants.
func TestPartialWriteIsReportedAndCompleted(t *testing.T) {
	e := newEnv(t, envOpt{attempts: 2})
	ev := e.put(t, testBucket, "uploads/a/b.jpg", photo(t, 800, 600), nil)
	e.proxy.setFail(func(r *http.Request) bool {
		return r.Method == http.MethodPut && strings.Contains(r.URL.Path, "/thumbs/a/b/lg")
	})
	err := e.deliver(ev)
	if err == nil || fault.DispositionOf(err) != fault.Retry || !strings.Contains(err.Error(), "incomplete: 2 of 6 failed") {
		t.Fatalf("Handle = %v; want a Retry error saying 2 of 6 variants failed", err)
	}
	if n := e.outputPuts("thumbs/"); n != 4 {
		t.Errorf("PUTs under thumbs/ = %d; want the 4 that could be written", n)
	}
	e.proxy.setFail(nil)
	if err := e.deliver(ev); err != nil {
		t.Fatalf("re-delivery = %v; want nil", err)
	}
	if n := e.outputPuts("thumbs/"); n != 6 {
		t.Errorf("PUTs under thumbs/ = %d after re-delivery; want 6 (only the missing 2 rewritten)", n)
	}
	if !e.completeSet(t, ev.ETag) {
		t.Error("variant set incomplete after re-delivery")
	}
	if strings.Contains(e.logs.String(), e.emu.AccessKeySecret) || strings.Contains(err.Error(), e.emu.AccessKeySecret) {
		t.Error("the access key secret leaked into a log line or error")
	}
}
