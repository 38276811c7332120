package serve

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests run a real binary (internal/testfn) built once per test run.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

func testBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "serve-testfn-"); buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "testfn")
		cmd := exec.Command("go", "build", "-o", binPath, "./internal/testfn")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// proc is a running testfn with its output captured.
type proc struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	lines  []map[string]any // JSON log lines from stderr
	all    bytes.Buffer     // stdout and stderr, for the secrets check
	notify chan struct{}
	done   chan struct{}
}

// startProc runs testfn with only env (plus PATH) in its environment and
// kills it when the test ends.
func startProc(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(testBinary(t), args...), notify: make(chan struct{}, 1), done: make(chan struct{})}
	p.cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	stdout, _ := p.cmd.StdoutPipe()
	stderr, _ := p.cmd.StderrPipe()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); p.scan(stdout, false) }()
	go func() { defer wg.Done(); p.scan(stderr, true) }()
	go func() { wg.Wait(); _ = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("testfn output:\n%s", p.output())
		}
	})
	return p
}

func (p *proc) scan(r interface{ Read([]byte) (int, error) }, isStderr bool) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		p.mu.Lock()
		p.all.WriteString(line + "\n")
		var m map[string]any
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber() // so 1795307559404 compares as written, not as 1.795307559404e+12
		if isStderr && dec.Decode(&m) == nil {
			p.lines = append(p.lines, m)
		}
		p.mu.Unlock()
		select {
		case p.notify <- struct{}{}:
		default:
		}
	}
}

func (p *proc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.all.String()
}

// waitLog returns the first JSON log line with message msg whose fields
// include want, failing the test if none appears within 15 s.
func (p *proc) waitLog(t *testing.T, msg string, want map[string]any) map[string]any {
	t.Helper()
	timeout := time.After(15 * time.Second)
	for {
		if m := p.findLog(msg, want); m != nil {
			return m
		}
		select {
		case <-p.notify:
		case <-p.done:
			if m := p.findLog(msg, want); m != nil {
				return m
			}
			t.Fatalf("testfn exited without logging %q %v", msg, want)
		case <-timeout:
			t.Fatalf("no log line %q with %v", msg, want)
		}
	}
}

// waitText waits up to 15 s for text to appear in the output.
func (p *proc) waitText(t *testing.T, text string) {
	t.Helper()
	timeout := time.After(15 * time.Second)
	for !strings.Contains(p.output(), text) {
		select {
		case <-p.notify:
		case <-p.done:
			if !strings.Contains(p.output(), text) {
				t.Fatalf("testfn exited without printing %q", text)
			}
		case <-timeout:
			t.Fatalf("testfn did not print %q", text)
		}
	}
}

func (p *proc) findLog(msg string, want map[string]any) map[string]any {
	p.mu.Lock()
	defer p.mu.Unlock()
next:
	for _, m := range p.lines {
		if m["message"] != msg {
			continue
		}
		for k, v := range want {
			if fmt.Sprint(m[k]) != fmt.Sprint(v) {
				continue next
			}
		}
		return m
	}
	return nil
}

// wait waits for the process to exit and returns its exit status.
func (p *proc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(20 * time.Second):
		t.Fatal("testfn did not exit")
		return -1
	}
}

func (p *proc) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// checkNoSecrets fails if any secret appears anywhere in the output.
func (p *proc) checkNoSecrets(t *testing.T, secrets ...string) {
	t.Helper()
	out := p.output()
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("secret %q printed by testfn:\n%s", s, out)
		}
	}
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}
