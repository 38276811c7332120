package inventory

import (
	"runtime"
	"strconv"
	"testing"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// stream feeds n generated objects (50 prefixes, all classes and ages)
// through a, one reused 1000-object page at a time, and calls sample after
// each page.
func stream(a *Aggregator, n int, sample func()) {
	page := make([]osskit.ObjectInfo, 1000)
	buf := make([]byte, 0, 64)
	for done := 0; done < n; {
		k := min(len(page), n-done)
		for i := range k {
			j := done + i
			buf = append(buf[:0], 'p')
			buf = strconv.AppendInt(buf, int64(j%50), 10)
			buf = append(buf, "/obj-"...)
			buf = strconv.AppendInt(buf, int64(j), 10)
			page[i] = osskit.ObjectInfo{Key: string(buf), Size: int64(j%300000 + 1), IsLatest: true,
				StorageClass: osskit.StorageClasses[j%5], LastModified: ago(j % 900)}
		}
		for i := range k {
			a.AddObject(&page[i])
		}
		done += k
		if sample != nil {
			sample()
		}
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// The aggregation keeps no per-object state: after 20 times more objects
// the live heap has not grown by more than 1 MiB.
func TestMemoryIndependentOfObjectCount(t *testing.T) {
	measure := func(n int) uint64 {
		a, _ := New(Options{Now: now, Rules: benchRules})
		base := liveHeap()
		stream(a, n, nil)
		after := liveHeap()
		runtime.KeepAlive(a)
		if after < base {
			return 0
		}
		return after - base
	}
	small, large := measure(10_000), measure(200_000)
	if large > small+1<<20 {
		t.Errorf("live heap grew %d bytes for 10k objects and %d for 200k; want no growth with object count", small, large)
	}
}

// BenchmarkMemory streams 100k, 1M and 10M objects and reports the live
// heap the aggregation holds and the peak heap sampled every 100 pages.
func BenchmarkMemory(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000, 10_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				a, _ := New(Options{Now: now, Rules: benchRules})
				pages := 0
				var m runtime.MemStats
				stream(a, n, func() {
					if pages++; pages%100 == 0 {
						runtime.ReadMemStats(&m)
						peak = max(peak, m.HeapAlloc)
					}
				})
				_ = a.Summary()
				b.ReportMetric(float64(liveHeap())/(1<<20), "live-MB")
				runtime.KeepAlive(a)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "objects/s")
		})
	}
}
