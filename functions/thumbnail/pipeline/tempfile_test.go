package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

// fileRenderer checks the temp file it is handed, then answers with fn.
type fileRenderer struct {
	t    *testing.T
	dir  string
	want []byte
	seen *string
	fn   func(set style.Set) ([]Rendition, error)
}

func (f fileRenderer) ThumbnailsFile(path string, set style.Set, _ plan.Limits, _ plan.Options) ([]Rendition, error) {
	*f.seen = path
	st, err := os.Stat(path)
	switch {
	case err != nil:
		f.t.Errorf("renderer: %v; want the downloaded source", err)
	case filepath.Dir(path) != f.dir || !strings.HasPrefix(filepath.Base(path), "thumbnail-source-"):
		f.t.Errorf("temp file %s; want thumbnail-source-* in TMPDIR", path)
	case st.Mode().Perm() != 0o600:
		f.t.Errorf("temp file mode %v; want 0600", st.Mode().Perm())
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, f.want) {
		f.t.Errorf("temp file holds %d bytes; want the %d-byte source", len(got), len(f.want))
	}
	return f.fn(set)
}

// The source reaches the renderer as a private temp file holding exactly
// its bytes, and the file is gone afterwards however the render ended.
func TestTempFileRemoved(t *testing.T) {
	tests := []struct {
		name string
		fn   func(style.Set) ([]Rendition, error)
		kind fault.Kind // of Handle's error; Internal means nil
	}{
		{"rendered", fakeSet, fault.Internal},
		{"corrupt image", func(style.Set) ([]Rendition, error) { return nil, fault.New(fault.Invalid, "corrupt") }, fault.Internal},
		{"transient error", func(style.Set) ([]Rendition, error) { return nil, fault.New(fault.Unavailable, "busy") }, fault.Unavailable},
		{"renderer panics", func(style.Set) ([]Rendition, error) { panic("boom") }, fault.Internal},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		src := photo(t, 64, 48)
		var seen string
		e := newEnv(t, envOpt{renderer: fileRenderer{t: t, dir: dir, want: src, seen: &seen, fn: tt.fn}})
		ev := e.put(t, testBucket, "uploads/a.jpg", src, nil)
		t.Setenv("TMPDIR", dir)
		err := e.deliver(ev)
		if err != nil && fault.KindOf(err) != tt.kind {
			t.Errorf("%s: Handle = %v (kind %v); want kind %v", tt.name, err, fault.KindOf(err), tt.kind)
		}
		if seen == "" {
			t.Errorf("%s: renderer not called", tt.name)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%s: %d files left in TMPDIR (%s); want none", tt.name, len(left), left[0].Name())
		}
	}
}

// A temp file that cannot be created is the instance's trouble: the event
// is retried (Unavailable), no failure record is written and the renderer
// never runs.
func TestTempFileFailureIsUnavailable(t *testing.T) {
	var seen string
	e := newEnv(t, envOpt{renderer: fileRenderer{t: t, seen: &seen, fn: fakeSet}})
	ev := e.put(t, testBucket, "uploads/a.jpg", photo(t, 64, 48), nil)
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	err := e.deliver(ev)
	if fault.KindOf(err) != fault.Unavailable || fault.DispositionOf(err) == fault.Drop {
		t.Errorf("Handle = %v (kind %v); want unavailable, retried", err, fault.KindOf(err))
	}
	if seen != "" {
		t.Errorf("renderer called with %s; want not called", seen)
	}
	if _, ok := e.head(t, testBucket, "thumbs/_failed/uploads/a.jpg.json"); ok {
		t.Error("failure record written; want none for a transient failure")
	}
}
