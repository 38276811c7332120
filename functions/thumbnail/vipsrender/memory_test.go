package vipsrender

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
)

// rssChildEnv names the source file a child test process renders; the
// parent reads the child's peak RSS from its rusage.
const rssChildEnv = "VIPSRENDER_RSS_SOURCE"

// TestRSSChild is the child half of TestPeakRSS; it does nothing unless the
// parent started it.
func TestRSSChild(t *testing.T) {
	path := os.Getenv(rssChildEnv)
	if path == "" {
		t.Skip("child process of TestPeakRSS only")
	}
	r, err := New(DefaultConfig(), plan.DefaultLimits().Formats)
	if err != nil {
		t.Fatal(err)
	}
	lim := plan.DefaultLimits()
	lim.MaxBytes = 64 << 20 // pure noise compresses badly: 50 MP is ~30 MB here
	if _, _, err := r.ThumbnailsFile(path, style.DefaultSet(), lim, plan.DefaultOptions()); err != nil {
		t.Fatal(err)
	}
}

func peakRSS(t *testing.T, cmd *exec.Cmd) int64 {
	t.Helper()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
	}
	return cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
}

// A 12 MP JPEG file through the whole default set peaks within 1.2× the RSS
// of one vipsthumbnail run on it (issue 6; measured 1.11-1.13, test binary
// included), and a 50 MP one stays under 160 MB: libvips reads the file as
// it decodes, so the compressed source is never held in memory, and
// shrink-on-load and the one in-memory decode at 1280 px keep the full
// image out of memory.
func TestPeakRSS(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("generates a 50 MP JPEG; RSS is meaningless under -short or -race")
	}
	dir := t.TempDir()
	for _, size := range [][2]string{{"4000", "3000"}, {"8160", "6120"}} {
		noise := filepath.Join(dir, "noise.v")
		vipsCLI(t, "vips", "gaussnoise", noise, size[0], size[1], "--mean", "128", "--sigma", "40")
		jpg := filepath.Join(dir, size[0]+".jpg")
		vipsCLI(t, "vips", "copy", noise, jpg+"[Q=90]")
		cmd := exec.Command(os.Args[0], "-test.run=^TestRSSChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), rssChildEnv+"="+jpg, "MALLOC_ARENA_MAX=2")
		ours := peakRSS(t, cmd)
		ref := peakRSS(t, exec.Command("vipsthumbnail", jpg, "-s", "1280x1280", "-o", filepath.Join(dir, "lg.webp[Q=80]")))
		t.Logf("%sx%s default set: peak RSS %s; one vipsthumbnail 1280 webp: %s (ratio %.2f)",
			size[0], size[1], mb(ours), mb(ref), float64(ours)/float64(ref))
		if size[0] == "4000" && float64(ours) > 1.2*float64(ref) {
			t.Errorf("12 MP peak RSS %s is %.2f× one vipsthumbnail run (%s); want ≤ 1.2×", mb(ours), float64(ours)/float64(ref), mb(ref))
		}
		if size[0] == "8160" && ours > 160<<20 {
			t.Errorf("50 MP peak RSS %s; want < 160 MB", mb(ours))
		}
	}
}

func mb(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB" }
