package cloud

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// repoRoot is the module root, where template.yml lives.
var repoRoot, _ = filepath.Abs(filepath.Join("..", ".."))

var (
	buildDaemon sync.Once
	daemonBin   string
	daemonDist  string // shared by every daemon a test starts: functions build once
	daemonErr   error
)

// TestMain removes the daemon binary and built functions after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if daemonBin != "" {
		os.RemoveAll(filepath.Dir(daemonBin))
	}
	os.Exit(code)
}

// daemonBinary builds `go run ./localstack` once into a temporary directory.
func daemonBinary(t testing.TB) (bin, dist string) {
	t.Helper()
	buildDaemon.Do(func() {
		dir, err := os.MkdirTemp("", "ossflow-localstack-test-")
		if err != nil {
			daemonErr = err
			return
		}
		daemonBin, daemonDist = filepath.Join(dir, "localstack"), filepath.Join(dir, "dist")
		cmd := exec.Command("go", "build", "-o", daemonBin, "./localstack")
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			daemonErr = errors.New("go build ./localstack: " + err.Error() + "\n" + string(out))
		}
	})
	if daemonErr != nil {
		t.Fatal(daemonErr)
	}
	return daemonBin, daemonDist
}

// daemon is a running local cloud binary.
type daemon struct {
	cmd  *exec.Cmd
	logs *syncBuffer
	data string
	e    Endpoints
}

// startDaemon runs the daemon on random ports with a fresh data directory
// and waits for endpoints.json. Cleanup kills its whole process group if
// the test did not stop it.
func startDaemon(t testing.TB) *daemon { return startDaemonIn(t, t.TempDir()) }

// startDaemonIn is startDaemon over an existing data directory.
func startDaemonIn(t testing.TB, data string) *daemon {
	t.Helper()
	bin, dist := daemonBinary(t)
	d := &daemon{logs: &syncBuffer{}, data: data}
	args := ([]string{"-template", filepath.Join(repoRoot, "template.yml"), "-config", filepath.Join(d.data, "none.yml"),
		"-data", d.data, "-dist", dist, "-json",
		"-fc-port", "-1", "-oss-port", "-1", "-sts-port", "-1", "-demo-port", "-1"})
	d.cmd = exec.Command(bin, args...)
	d.cmd.Dir = repoRoot
	d.cmd.Stdout, d.cmd.Stderr = d.logs, d.logs
	d.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if d.cmd.ProcessState == nil {
			syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
			d.cmd.Wait()
		}
		if t.Failed() {
			t.Logf("daemon output:\n%s", d.logs.String())
		}
	})
	// Functions are built on the first start (thumbnail links libvips with
	// cgo), so the first daemon may take a while.
	deadline := time.Now().Add(3 * time.Minute)
	for {
		e, err := ReadEndpoints(filepath.Join(d.data, EndpointsFile))
		if err == nil {
			d.e = e
			return d
		}
		if time.Now().After(deadline) {
			t.Fatalf("no endpoints.json after 3 minutes: %v", err)
		}
		if p, _ := os.ReadFile("/proc/" + strconv.Itoa(d.cmd.Process.Pid) + "/stat"); bytes.Contains(p, []byte(") Z ")) {
			d.cmd.Wait()
			t.Fatalf("the daemon exited before writing endpoints.json: %s", d.cmd.ProcessState)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// children lists the pids whose parent is pid.
func children(pid int) []int {
	var out []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// Fields after the parenthesised command: state, ppid, ...
		i := bytes.LastIndexByte(stat, ')')
		f := strings.Fields(string(stat[i+1:]))
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			out = append(out, n)
		}
	}
	return out
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(stat, ')')
	f := strings.Fields(string(stat[i+1:]))
	return len(f) > 0 && f[0] != "Z"
}

// syncBuffer is a bytes.Buffer safe for the daemon's two output streams.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// stop sends SIGTERM and waits for a clean exit.
func (d *daemon) stop(t testing.TB) {
	t.Helper()
	d.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- d.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("daemon exit after SIGTERM: %v; want 0", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("daemon still running 30 s after SIGTERM")
	}
}
