package nodetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder stands in for a test so the fail-or-skip decision can be
// observed; Fatalf and Skipf record instead of stopping the goroutine.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Fatalf(format string, args ...any) { r.fatal = fmt.Sprintf(format, args...) }
func (r *recorder) Skipf(format string, args ...any)  { r.skip = fmt.Sprintf(format, args...) }

func TestMissingToolsFailInCISkipLocally(t *testing.T) {
	noNode := t.TempDir() // an empty PATH: node cannot be found
	notExec := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(notExec, []byte("#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name string
		run  func(tb testing.TB)
		why  string
	}{
		{"node", func(tb testing.TB) { t.Setenv("PATH", noNode); Require(tb, "ali-oss") }, "node is not installed"},
		{"chromium absent", func(tb testing.TB) { t.Setenv("CHROMIUM", filepath.Join(noNode, "chromium")); Chromium(tb) }, "chromium is missing"},
		{"chromium not executable", func(tb testing.TB) { t.Setenv("CHROMIUM", notExec); Chromium(tb) }, "chromium is missing"},
	}
	for _, c := range checks {
		for _, ci := range []string{"true", "1", ""} {
			t.Run(fmt.Sprintf("%s CI=%q", c.name, ci), func(t *testing.T) {
				t.Setenv("CI", ci)
				r := &recorder{TB: t}
				c.run(r)
				switch {
				case ci != "" && (r.fatal == "" || r.skip != ""):
					t.Errorf("under CI: fatal %q, skip %q; want a failure and no skip", r.fatal, r.skip)
				case ci == "" && (r.skip == "" || r.fatal != ""):
					t.Errorf("locally: fatal %q, skip %q; want a skip and no failure", r.fatal, r.skip)
				}
				if got := r.fatal + r.skip; !strings.Contains(got, c.why) {
					t.Errorf("reason %q; want it to say %q", got, c.why)
				}
			})
		}
	}
}

func TestUsableNamesTheMissingModule(t *testing.T) {
	Require(t)
	t.Setenv("CI", "")
	dir, missing := Usable(&recorder{TB: t}, "ossflow-no-such-module")
	if !strings.Contains(missing, "ossflow-no-such-module") || !strings.Contains(missing, "scripts/bootstrap") {
		t.Errorf("missing = %q; want the module named and the fix", missing)
	}
	if filepath.Base(dir) != "node" || filepath.Base(filepath.Dir(dir)) != "tools" {
		t.Errorf("dir = %q; want .../tools/node", dir)
	}
}

func TestRunPassesInputArgsAndEnvironment(t *testing.T) {
	dir := Require(t, "ali-oss")
	script := filepath.Join(t.TempDir(), "echo.js")
	src := `const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
require.resolve('ali-oss'); // found through NODE_PATH from outside tools/node
console.log(JSON.stringify({input, args: process.argv.slice(2), chromium: process.env.CHROMIUM, cwd: process.cwd()}));`
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CHROMIUM", "/opt/test/chromium")
	var out struct {
		Input         map[string]int
		Args          []string
		Chromium, Cwd string
	}
	Run(t, script, map[string]int{"n": 42}, &out, "a b", "-x")
	if out.Input["n"] != 42 || strings.Join(out.Args, "|") != "a b|-x" {
		t.Errorf("script saw input %v, args %q; want n=42, [a b -x]", out.Input, out.Args)
	}
	if out.Chromium != "/opt/test/chromium" || out.Cwd != dir {
		t.Errorf("script saw CHROMIUM %q in %q; want /opt/test/chromium in %q", out.Chromium, out.Cwd, dir)
	}
}

func TestRunFailsWithTheScriptsStderr(t *testing.T) {
	Require(t)
	tmp := t.TempDir()
	scripts := map[string]string{
		"exit": "console.error('boom: bad case 3'); process.exit(2);",
		"junk": "console.log('not json'); console.error('warned');",
	}
	for name, src := range scripts {
		path := filepath.Join(tmp, name+".js")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		r := &recorder{TB: t}
		var out any
		Run(r, path, nil, &out)
		want := map[string]string{"exit": "boom: bad case 3", "junk": "warned"}[name]
		if !strings.Contains(r.fatal, want) || !strings.Contains(r.fatal, name+".js") {
			t.Errorf("%s: failure %q; want it to name the script and carry %q", name, r.fatal, want)
		}
	}
}
