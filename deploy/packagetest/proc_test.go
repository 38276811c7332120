package packagetest

import (
	"bufio"
	"encoding/json"
	"github.com/ossflow/ossflow/internal/testimage"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// proc is a running function binary and its JSON log lines.
type proc struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	lines []string
	addr  chan string
	done  chan struct{}
}

// startFunction runs bin with exactly env and stops it when t ends.
func startFunction(t *testing.T, bin string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...), addr: make(chan string, 1), done: make(chan struct{})}
	p.cmd.Env = env
	p.cmd.Dir = filepath.Dir(bin)
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stdout = p.cmd.Stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			p.mu.Lock()
			p.lines = append(p.lines, sc.Text())
			p.mu.Unlock()
			var l struct{ Message, Addr string }
			if json.Unmarshal(sc.Bytes(), &l) == nil && l.Message == "serving" && l.Addr != "" {
				p.addr <- l.Addr
			}
		}
		_ = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

func (p *proc) waitAddr(t *testing.T) string {
	t.Helper()
	select {
	case a := <-p.addr:
		return a
	case <-p.done:
		t.Fatalf("the function exited before serving; output:\n%s", p.logs())
	case <-time.After(30 * time.Second):
		t.Fatalf("the function did not start serving; output:\n%s", p.logs())
	}
	return ""
}

func (p *proc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(30 * time.Second):
		t.Fatalf("the function did not exit; output:\n%s", p.logs())
		return -1
	}
}

func (p *proc) logs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.lines, "\n")
}

// testJPEG is a test photograph big enough for every default style.
func testJPEG(t testing.TB) []byte { return testimage.JPEG(t, 1600, 1200) }
