package inventory

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// benchPages builds decoded listing pages as ListObjectsV2 yields them:
// 1000 objects each, keys sorted, 20 top-level prefixes, mixed classes and ages.
func benchPages(n int) [][]osskit.ObjectInfo {
	classes := osskit.StorageClasses
	var pages [][]osskit.ObjectInfo
	page := make([]osskit.ObjectInfo, 0, 1000)
	for i := range n {
		page = append(page, osskit.ObjectInfo{
			Key: fmt.Sprintf("p%02d/2026/%08d.bin", i*20/n, i), Size: int64(i%200000 + 1), IsLatest: true,
			StorageClass: classes[i%len(classes)], LastModified: ago(i % 800),
		})
		if len(page) == cap(page) {
			pages = append(pages, page)
			page = make([]osskit.ObjectInfo, 0, 1000)
		}
	}
	return append(pages, page)
}

var benchRules = []osskit.LifecycleRule{
	{ID: "tier", Status: osskit.RuleEnabled, Prefix: "p0", Transitions: []osskit.Transition{{Days: 30, StorageClass: osskit.IA}, {Days: 180, StorageClass: osskit.Archive}}},
	{ID: "expire", Status: osskit.RuleEnabled, Prefix: "p1", Expiration: &osskit.Expiration{Days: 365}},
	{ID: "mpu", Status: osskit.RuleEnabled, AbortMultipartUpload: &osskit.AbortMultipartUpload{Days: 7}},
}

// BenchmarkAggregate reports objects/s from decoded pages, without and
// with a small rule set evaluated for every object.
func BenchmarkAggregate(b *testing.B) {
	pages := benchPages(100_000)
	for _, bc := range []struct {
		name  string
		rules []osskit.LifecycleRule
	}{{"no-rules", nil}, {"3-rules", benchRules}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			objs := 0
			cpu0 := cpuTime()
			for b.Loop() {
				a, _ := New(Options{Now: now, Rules: bc.rules})
				for _, p := range pages {
					for i := range p {
						a.AddObject(&p[i])
					}
					objs += len(p)
				}
				_ = a.Summary()
			}
			b.ReportMetric(float64(objs)/b.Elapsed().Seconds(), "objects/s")
			b.ReportMetric(float64(objs)/(cpuTime()-cpu0).Seconds(), "objects/cpu-s")
		})
	}
}

// cpuTime is the process's user+system CPU time. On a shared machine the
// wall-clock rate understates throughput; objects per CPU-second does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
