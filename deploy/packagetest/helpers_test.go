package packagetest

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// root is the repository's top directory.
var root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}()

// The functions scripts/package builds, and which of them are go1.
var (
	go1Functions = []string{"sts-token", "post-policy", "lifecycle-audit"}
	allFunctions = append(append([]string{}, go1Functions...), "thumbnail")
)

var (
	distOnce sync.Once
	distDir  string
	distErr  string
)

// dist runs scripts/package once for the whole test binary, into a
// temporary directory, and returns that directory. A failure of the script
// fails every test that needs its output, with the script's own message.
func dist(t *testing.T) string {
	t.Helper()
	distOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ossflow-dist-")
		if err != nil {
			distErr = err.Error()
			return
		}
		distDir = dir
		cmd := exec.Command(filepath.Join(root, "scripts", "package"), "-o", dir)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			distErr = "scripts/package: " + err.Error() + "\n" + string(out)
		}
	})
	if distErr != "" {
		t.Fatal(distErr)
	}
	return distDir
}

// TestMain removes the packages once every test has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if distDir != "" {
		os.RemoveAll(distDir)
	}
	os.Exit(code)
}

// unzip extracts zf into dir, keeping each entry's permission bits.
func unzip(t *testing.T, zf, dir string) {
	t.Helper()
	r, err := zip.OpenReader(zf)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, f := range r.File {
		if f.FileInfo().IsDir() {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(dst, filepath.Clean(dir)+string(filepath.Separator)) {
			t.Fatalf("%s: entry %q escapes the directory", zf, f.Name)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		in, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, f.Mode().Perm())
		if err == nil {
			_, err = io.Copy(out, in)
			err = errors.Join(err, out.Close())
		}
		in.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// fixedMTime is the modification time scripts/package gives every entry.
var fixedMTime = time.Date(1980, 1, 2, 0, 0, 0, 0, time.UTC)

// readFile reads a repository file or fails t.
func readFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runScript runs scripts/package with args and returns its combined output.
func runScript(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(filepath.Join(root, "scripts", "package"), args...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	return string(out), err
}
