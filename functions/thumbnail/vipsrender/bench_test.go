package vipsrender

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
)

// The benchmarks report CPU time (rusage), not only wall time: on a shared
// 2-core machine CPU time is the figure that compares with the reference.

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// twelveMP is a 4000×3000 photo-like JPEG, stored as orientation o.
func twelveMP(b *testing.B, o int) []byte {
	b.Helper()
	return withOrientation(encJPEG(b, stored(photo(4000, 3000), o)), o)
}

// referenceCPU runs one vipsthumbnail process per default-set output (one
// libvips thread, like ours) and returns their summed CPU time.
func referenceCPU(b *testing.B, src []byte) time.Duration {
	b.Helper()
	if _, err := exec.LookPath("vipsthumbnail"); err != nil {
		b.Skip("vipsthumbnail not installed (Debian package libvips-tools)")
	}
	dir := b.TempDir()
	in := filepath.Join(dir, "src.jpg")
	os.WriteFile(in, src, 0o600)
	var total time.Duration
	for _, o := range []struct{ size, crop, out string }{
		{"200x200", "centre", "sm.jpg[Q=85,strip]"}, {"200x200", "centre", "sm.webp[Q=80,strip]"},
		{"640x640", "none", "md.jpg[Q=85,strip]"}, {"640x640", "none", "md.webp[Q=80,strip]"},
		{"1280x1280", "none", "lg.jpg[Q=85,strip]"}, {"1280x1280", "none", "lg.webp[Q=80,strip]"},
	} {
		cmd := exec.Command("vipsthumbnail", in, "-s", o.size, "--smartcrop", o.crop, "-o", filepath.Join(dir, o.out))
		cmd.Env = append(os.Environ(), "VIPS_CONCURRENCY=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("vipsthumbnail: %v\n%s", err, out)
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return total
}

// BenchmarkRenderDefaultSet renders the 6-output default set from a 12 MP
// JPEG file, as the pipeline does, and, in the same run, the reference: one
// vipsthumbnail call per output. Metrics: cpu-ms/op (ours), ref-cpu-ms/op,
// cpu-ratio (ours/ref).
func BenchmarkRenderDefaultSet(b *testing.B) {
	src := twelveMP(b, 1)
	path := writeSource(b, src)
	r := newRenderer(b)
	r.cfg.Parallel = 1 // CPU time of one worker; the reference is serial too
	set := style.DefaultSet()
	const refRuns = 3
	var ref time.Duration
	for range refRuns {
		ref += referenceCPU(b, src)
	}
	ref /= refRuns
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		if _, _, err := r.ThumbnailsFile(path, set, plan.DefaultLimits(), plan.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
	ours := (cpuTime() - start) / time.Duration(b.N)
	b.ReportMetric(float64(ours.Microseconds())/1000, "cpu-ms/op")
	b.ReportMetric(float64(ref.Microseconds())/1000, "ref-cpu-ms/op")
	b.ReportMetric(float64(ours)/float64(ref), "cpu-ratio")
}

// BenchmarkRenderRotated renders the default set from the same 12 MP
// picture stored upright and stored as EXIF orientation 6, alternately, and
// reports rotated/unrotated CPU time.
func BenchmarkRenderRotated(b *testing.B) {
	plain, rotated := twelveMP(b, 1), twelveMP(b, 6)
	r := newRenderer(b)
	r.cfg.Parallel = 1
	set := style.DefaultSet()
	var tPlain, tRot time.Duration
	for b.Loop() {
		for _, s := range []struct {
			src []byte
			acc *time.Duration
		}{{plain, &tPlain}, {rotated, &tRot}} {
			start := cpuTime()
			if _, _, err := r.Thumbnails(s.src, set, plan.DefaultLimits(), plan.DefaultOptions()); err != nil {
				b.Fatal(err)
			}
			*s.acc += cpuTime() - start
		}
	}
	b.ReportMetric(float64(tPlain.Microseconds())/1000/float64(b.N), "plain-cpu-ms/op")
	b.ReportMetric(float64(tRot.Microseconds())/1000/float64(b.N), "rotated-cpu-ms/op")
	b.ReportMetric(float64(tRot)/float64(tPlain), "rotated-ratio")
}

// BenchmarkRenderWorkers renders 4 sources of 12 MP with one worker, then
// with two workers side by side (each rendering its own sources, one
// output at a time), and reports the throughput ratio two/one.
func BenchmarkRenderWorkers(b *testing.B) {
	src := twelveMP(b, 1)
	r := newRenderer(b)
	r.cfg.Parallel = 1
	set := style.DefaultSet()
	one := func() {
		if _, _, err := r.Thumbnails(src, set, plan.DefaultLimits(), plan.DefaultOptions()); err != nil {
			b.Error(err)
		}
	}
	var t1, t2 time.Duration
	for b.Loop() {
		start := time.Now()
		for range 4 {
			one()
		}
		t1 += time.Since(start)
		start = time.Now()
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { one(); one() })
		}
		wg.Wait()
		t2 += time.Since(start)
	}
	b.ReportMetric(4*float64(b.N)/t1.Seconds(), "img/s-1worker")
	b.ReportMetric(4*float64(b.N)/t2.Seconds(), "img/s-2workers")
	b.ReportMetric(float64(t1)/float64(t2), "speedup")
}
