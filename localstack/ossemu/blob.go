package ossemu

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// blobStore holds object bodies by an opaque reference. A body becomes
// visible under its reference only when commit succeeds, so readers never see
// a half-written body.
type blobStore interface {
	create() (blobWriter, error)
	open(ref string) (io.ReadSeekCloser, error)
	remove(ref string) error
	// refs lists every stored reference, so a restart can drop the ones no
	// object points at (a crash between writing a body and its metadata).
	refs() ([]string, error)
}

type blobWriter interface {
	io.Writer
	commit() (ref string, err error)
	abort()
}

func newRef() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// memBlobs keeps bodies in memory for tests.
type memBlobs struct {
	mu sync.Mutex
	m  map[string][]byte
}

func newMemBlobs() *memBlobs { return &memBlobs{m: map[string][]byte{}} }

type memWriter struct {
	bytes.Buffer
	s *memBlobs
}

func (s *memBlobs) create() (blobWriter, error) { return &memWriter{s: s}, nil }

func (w *memWriter) commit() (string, error) {
	ref := newRef()
	w.s.mu.Lock()
	w.s.m[ref] = w.Bytes()
	w.s.mu.Unlock()
	return ref, nil
}

func (w *memWriter) abort() {}

type nopSeekCloser struct{ *bytes.Reader }

func (nopSeekCloser) Close() error { return nil }

func (s *memBlobs) open(ref string) (io.ReadSeekCloser, error) {
	s.mu.Lock()
	b, ok := s.m[ref]
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("open blob %s: %w", ref, os.ErrNotExist)
	}
	return nopSeekCloser{bytes.NewReader(b)}, nil
}

func (s *memBlobs) remove(ref string) error {
	s.mu.Lock()
	delete(s.m, ref)
	s.mu.Unlock()
	return nil
}

func (s *memBlobs) refs() ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.m))
	for r := range s.m {
		out = append(out, r)
	}
	return out, nil
}

// dirBlobs keeps bodies as files: written under tmp/, synced, then renamed
// into blobs/. A crash leaves at worst a stray file in tmp/, which startup
// deletes.
type dirBlobs struct{ tmp, dir string }

func newDirBlobs(root string) (*dirBlobs, error) {
	d := &dirBlobs{tmp: filepath.Join(root, "tmp"), dir: filepath.Join(root, "blobs")}
	for _, p := range []string{d.tmp, d.dir} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			return nil, fmt.Errorf("create blob dir %s: %w", p, err)
		}
	}
	return d, nil
}

type fileWriter struct {
	f *os.File
	d *dirBlobs
}

func (d *dirBlobs) create() (blobWriter, error) {
	f, err := os.CreateTemp(d.tmp, "blob-*")
	if err != nil {
		return nil, fmt.Errorf("create temp blob: %w", err)
	}
	return &fileWriter{f: f, d: d}, nil
}

func (w *fileWriter) Write(p []byte) (int, error) { return w.f.Write(p) }

func (w *fileWriter) commit() (string, error) {
	ref := newRef()
	if err := w.f.Sync(); err != nil {
		w.abort()
		return "", fmt.Errorf("sync blob: %w", err)
	}
	if err := w.f.Close(); err != nil {
		_ = os.Remove(w.f.Name())
		return "", fmt.Errorf("close blob: %w", err)
	}
	if err := os.Rename(w.f.Name(), filepath.Join(w.d.dir, ref)); err != nil {
		_ = os.Remove(w.f.Name())
		return "", fmt.Errorf("commit blob %s: %w", ref, err)
	}
	return ref, nil
}

func (w *fileWriter) abort() {
	_ = w.f.Close()
	_ = os.Remove(w.f.Name())
}

func (d *dirBlobs) open(ref string) (io.ReadSeekCloser, error) {
	f, err := os.Open(filepath.Join(d.dir, filepath.Base(ref)))
	if err != nil {
		return nil, fmt.Errorf("open blob %s: %w", ref, err)
	}
	return f, nil
}

func (d *dirBlobs) remove(ref string) error {
	err := os.Remove(filepath.Join(d.dir, filepath.Base(ref)))
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("remove blob %s: %w", ref, err)
	}
	return nil
}

func (d *dirBlobs) refs() ([]string, error) {
	ents, err := os.ReadDir(d.dir)
	if err != nil {
		return nil, fmt.Errorf("list blobs: %w", err)
	}
	out := make([]string, 0, len(ents))
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out, nil
}
