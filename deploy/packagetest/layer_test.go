package packagetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// glibcLib matches the libraries glibc itself provides: every Linux
// runtime has them and the layer must not carry its own copies.
var glibcLib = regexp.MustCompile(`^(ld-linux.*|libc|libm|libmvec|libpthread|libdl|librt|libresolv|libutil|libanl|libnss_\w+|libthread_db|libBrokenLocale|libc_malloc_debug|linux-vdso)\.so`)

var (
	unpackOnce sync.Once
	unpacked   string
)

// unpackThumbnail unzips thumbnail.zip into <dir>/code and the layer into
// <dir>/opt, as FC lays them out (/code and /opt), once for all tests
// (the layer is over 100 MB unpacked); the tests only read them. The
// directory lives inside the packages' directory, which TestMain removes.
func unpackThumbnail(t *testing.T) (code, opt string) {
	t.Helper()
	d := dist(t)
	unpackOnce.Do(func() {
		dir := filepath.Join(d, "unpacked")
		unzip(t, filepath.Join(d, "thumbnail.zip"), filepath.Join(dir, "code"))
		unzip(t, filepath.Join(d, "thumbnail-layer.zip"), filepath.Join(dir, "opt"))
		unpacked = dir
	})
	if unpacked == "" {
		t.Fatal("unpacking the thumbnail zip and layer failed in an earlier test")
	}
	return filepath.Join(unpacked, "code"), filepath.Join(unpacked, "opt")
}

// vipsModules lists the libvips modules the layer carries.
func vipsModules(t *testing.T, opt string) []string {
	t.Helper()
	mods, err := filepath.Glob(filepath.Join(opt, "*", "vips-modules-*", "*.so"))
	if err != nil {
		t.Fatal(err)
	}
	return mods
}

// With LD_LIBRARY_PATH naming only the layer's lib/, ldd resolves every
// library of the thumbnail binary and of each libvips module inside the
// layer, except glibc's own.
func TestThumbnailLayerHoldsTheLibraryClosure(t *testing.T) {
	t.Parallel()
	code, opt := unpackThumbnail(t)
	lib := filepath.Join(opt, "lib")
	mods := vipsModules(t, opt)
	if len(mods) == 0 {
		t.Errorf("the layer holds no libvips module; want vips-heif.so for HEIF/AVIF")
	}
	inLayer := 0
	for _, bin := range append([]string{filepath.Join(code, "main")}, mods...) {
		cmd := exec.Command("ldd", bin)
		cmd.Env = []string{"LD_LIBRARY_PATH=" + lib}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("ldd %s: %v\n%s", filepath.Base(bin), err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			f := strings.Fields(line)
			switch {
			case len(f) == 0:
			case strings.Contains(line, "not found"):
				t.Errorf("%s: %s is not resolved with only the layer", filepath.Base(bin), f[0])
			case len(f) >= 3 && f[1] == "=>" && strings.HasPrefix(f[2], lib+"/"):
				inLayer++
			case glibcLib.MatchString(filepath.Base(f[0])):
			default:
				t.Errorf("%s: %q resolves outside the layer", filepath.Base(bin), strings.TrimSpace(line))
			}
		}
	}
	if _, err := os.Stat(filepath.Join(lib, "libvips.so.42")); err != nil || inLayer == 0 {
		t.Errorf("libvips.so.42 not in the layer (%v) or nothing resolved from it (%d)", err, inLayer)
	}
	// glibc's libraries must come from the runtime, never from the layer.
	entries, _ := os.ReadDir(lib)
	for _, e := range entries {
		if glibcLib.MatchString(e.Name()) {
			t.Errorf("the layer carries glibc's %s", e.Name())
		}
	}
}
