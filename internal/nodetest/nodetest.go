// Package nodetest runs the repository's Node.js cross-checks from Go tests:
// ali-oss scripts and playwright-driven Chromium in tools/node (installed by
// scripts/bootstrap), and Chromium itself.
//
// Every check follows one rule: when a tool is missing, a test fails under
// CI (the CI variable set to anything) and is skipped elsewhere, so CI can
// never go green without running the cross-checks while a laptop without
// Node still runs the rest of the suite.
package nodetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hangGuard bounds one script run; the slowest (a browser driving the demo
// page through six variants) takes seconds, so this only stops a wedged
// browser from holding the test binary until go test's own timeout.
const hangGuard = 3 * time.Minute

// InCI reports whether the tests run under CI, where a missing tool is a
// failure rather than a reason to skip.
func InCI() bool { return os.Getenv("CI") != "" }

// Usable checks that node is on PATH and that every named npm module
// resolves from tools/node, and returns tools/node's absolute path and ""
// when they do. When something is missing it fails t under CI; elsewhere it
// returns the reason, for callers that skip only part of a test.
func Usable(t testing.TB, modules ...string) (dir, missing string) {
	t.Helper()
	dir = toolsDir(t)
	if missing = why(dir, modules); missing != "" && InCI() {
		t.Fatalf("node cross-check cannot run in CI: %s", missing)
		return dir, missing
	}
	return dir, missing
}

// Require is Usable for a test that cannot do without Node: it returns
// tools/node's absolute path, fails t under CI when node or a module is
// missing, and skips t elsewhere.
func Require(t testing.TB, modules ...string) string {
	t.Helper()
	dir, missing := Usable(t, modules...)
	if missing != "" && !InCI() { // under CI, Usable has failed t already
		t.Skipf("node cross-check skipped locally: %s", missing)
	}
	return dir
}

// Chromium returns the Chromium binary to drive: $CHROMIUM, else chromium
// on PATH, else /usr/bin/chromium. When that is not an executable file it
// fails t under CI and skips t elsewhere.
func Chromium(t testing.TB) string {
	t.Helper()
	bin := chromiumPath()
	if fi, err := os.Stat(bin); err != nil || fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
		missing := bin + " is missing (apt-get install -y chromium)"
		if InCI() {
			t.Fatalf("browser test cannot run in CI: %s", missing)
			return bin
		}
		t.Skipf("browser test skipped locally: %s", missing)
	}
	return bin
}

// Run runs `node script args...` in tools/node with stdin (when not nil)
// encoded as JSON, and decodes the JSON the script prints into out. A
// relative script names a file in tools/node; an absolute one may live
// anywhere and still finds tools/node's modules through NODE_PATH. The
// script sees CHROMIUM set to the browser Chromium would return. Any
// failure (exit status, undecodable output) fails t with the script's
// stderr; call Require or Usable first so a missing tool skips instead.
func Run(t testing.TB, script string, stdin, out any, args ...string) {
	t.Helper()
	dir := toolsDir(t)
	if !filepath.IsAbs(script) {
		script = filepath.Join(dir, script)
	}
	ctx, cancel := context.WithTimeout(t.Context(), hangGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{script}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_PATH="+nodePath(dir), "CHROMIUM="+chromiumPath())
	if stdin != nil {
		in, err := json.Marshal(stdin)
		if err != nil {
			t.Fatalf("%s: encode input: %v", filepath.Base(script), err)
		}
		cmd.Stdin = bytes.NewReader(in)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(script), err, stderr.String())
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("%s printed %q: %v\n%s", filepath.Base(script), stdout, err, stderr.String())
	}
}

// why says what keeps node or modules from working in dir, or "".
func why(dir string, modules []string) string {
	if _, err := exec.LookPath("node"); err != nil {
		return "node is not installed"
	}
	for _, m := range modules {
		// require.resolve, not a stat of node_modules: it is what the
		// scripts do, so NODE_PATH set by the caller counts too.
		check := exec.Command("node", "-e", "require.resolve(process.argv[1])", m)
		check.Dir = dir
		check.Env = append(os.Environ(), "NODE_PATH="+nodePath(dir))
		if err := check.Run(); err != nil {
			return fmt.Sprintf("%s is not installed in tools/node; run ./scripts/bootstrap", m)
		}
	}
	return ""
}

// nodePath puts tools/node/node_modules ahead of any NODE_PATH the caller set.
func nodePath(dir string) string {
	p := filepath.Join(dir, "node_modules")
	if prev := os.Getenv("NODE_PATH"); prev != "" {
		p += string(os.PathListSeparator) + prev
	}
	return p
}

func chromiumPath() string {
	if bin := os.Getenv("CHROMIUM"); bin != "" {
		return bin
	}
	if bin, err := exec.LookPath("chromium"); err == nil {
		return bin
	}
	return "/usr/bin/chromium"
}

// toolsDir finds tools/node from the test's working directory (its package
// directory) by walking up to the module root.
func toolsDir(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatalf("nodetest: working directory: %v", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if mod, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.HasPrefix(string(mod), "module github.com/ossflow/ossflow\n") {
			return filepath.Join(d, "tools", "node")
		}
		if filepath.Dir(d) == d {
			t.Fatalf("nodetest: no ossflow go.mod above %s", wd)
			return ""
		}
	}
}
