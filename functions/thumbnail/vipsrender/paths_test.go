package vipsrender

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

// writeSource stores src in a file of the test's temp dir, as the pipeline
// stores a download.
func writeSource(t testing.TB, src []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "source")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// bothPaths renders src from memory and from a file and fails the test
// unless both give the same plan, the same outputs byte for byte, or the
// same kind of error; every corpus test that renders goes through it, so
// the file path is held to everything the buffer path is.
func bothPaths(t testing.TB, r *Renderer, src []byte, set style.Set, lim plan.Limits) ([]Result, plan.Plan, error) {
	t.Helper()
	res, p, err := r.Thumbnails(src, set, lim, plan.DefaultOptions())
	fres, fp, ferr := r.ThumbnailsFile(writeSource(t, src), set, lim, plan.DefaultOptions())
	if (err == nil) != (ferr == nil) || fault.KindOf(err) != fault.KindOf(ferr) ||
		errors.Is(err, ErrCorrupt) != errors.Is(ferr, ErrCorrupt) || reasonOf(err) != reasonOf(ferr) {
		t.Errorf("from memory: %v; from a file: %v; want the same outcome", err, ferr)
	}
	if !reflect.DeepEqual(p, fp) {
		t.Errorf("plan from memory %+v; from a file %+v; want equal", p, fp)
	}
	if len(res) != len(fres) {
		t.Errorf("%d outputs from memory, %d from a file; want equal", len(res), len(fres))
		return res, p, err
	}
	for i := range res {
		a, b := res[i], fres[i]
		if a.Name != b.Name || a.Format != b.Format || a.Width != b.Width || a.Height != b.Height || !bytes.Equal(a.Data, b.Data) {
			t.Errorf("output %s from a file (%dx%d %s, %d bytes) differs from memory (%dx%d %s, %d bytes)",
				a.Name, b.Width, b.Height, b.Format, len(b.Data), a.Width, a.Height, a.Format, len(a.Data))
		}
	}
	return res, p, err
}

func reasonOf(err error) plan.Reason {
	var ref *plan.Refusal
	if errors.As(err, &ref) {
		return ref.Reason
	}
	return ""
}

// A file that cannot be read is the caller's local problem, retryable, and
// not taken for a corrupt image.
func TestFileErrors(t *testing.T) {
	r := newRenderer(t)
	dir := t.TempDir()
	set := style.DefaultSet()
	for _, path := range []string{filepath.Join(dir, "missing.jpg"), dir} {
		if _, _, err := r.ThumbnailsFile(path, set, plan.DefaultLimits(), plan.DefaultOptions()); fault.KindOf(err) != fault.Unavailable || errors.Is(err, ErrCorrupt) {
			t.Errorf("ThumbnailsFile(%s) = %v (kind %v); want unavailable", filepath.Base(path), err, fault.KindOf(err))
		}
		if _, err := r.ProbeFile(path); fault.KindOf(err) != fault.Unavailable {
			t.Errorf("ProbeFile(%s) = %v; want unavailable", filepath.Base(path), err)
		}
		if _, err := r.RenderFile(path, plan.Plan{}); fault.KindOf(err) != fault.Unavailable {
			t.Errorf("RenderFile(%s) = %v; want unavailable", filepath.Base(path), err)
		}
		if f, err := SniffFile(path); f != plan.Unknown || fault.KindOf(err) != fault.Unavailable {
			t.Errorf("SniffFile(%s) = %s, %v; want unknown, unavailable", filepath.Base(path), f, err)
		}
	}
}

// SniffFile names a file's format from its first KiB, like Sniff.
func TestSniffFile(t *testing.T) {
	for in, want := range map[string]plan.Format{
		"\xff\xd8\xff\xe0": plan.JPEG, "GIF89a": plan.GIF, "%PDF-1.4": plan.PDF,
		"\xef\xbb\xbf  <svg>": plan.SVG, "<html>": plan.Unknown, "": plan.Unknown,
	} {
		if got, err := SniffFile(writeSource(t, []byte(in))); got != want || err != nil {
			t.Errorf("SniffFile(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
}

// The quality of a file's JPEG is read from its quantisation table even
// when a 60 KB EXIF segment puts the table far past the first KiB.
func TestJPEGQualityFromFile(t *testing.T) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, upright(64, 48), &jpeg.Options{Quality: 70}); err != nil {
		t.Fatal(err)
	}
	app1 := append([]byte{0xFF, 0xE1, 0, 0}, append([]byte("Exif\x00\x00"), make([]byte, 60000)...)...)
	binary.BigEndian.PutUint16(app1[2:], uint16(len(app1)-2))
	src := append(append(append([]byte{}, b.Bytes()[:2]...), app1...), b.Bytes()[2:]...)
	p, err := newRenderer(t).ProbeFile(writeSource(t, src))
	if err != nil || p.Quality != 70 || p.Bytes != int64(len(src)) || p.Width != 64 {
		t.Errorf("ProbeFile = %+v, %v; want quality 70, %d bytes, width 64", p, err, len(src))
	}
}
