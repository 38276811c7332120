package main

import (
	"bufio"
	"encoding/json"
	"github.com/ossflow/ossflow/internal/testimage"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
)

var binPath string

// TestMain builds the function once, as deployed: with cgo, since libvips is native.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "thumbnail-bin-")
	if err != nil {
		panic(err)
	}
	binPath = filepath.Join(dir, "thumbnail")
	cmd := exec.Command("go", "build", "-o", binPath, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err := cmd.CombinedOutput()
	code := 1
	if err != nil {
		os.Stderr.Write(append([]byte("go build ./functions/thumbnail failed:\n"), out...))
	} else {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// run starts the binary with env (plus PATH) and collects its log lines.
type run struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	lines []string
	addr  chan string
	done  chan error
}

func start(t *testing.T, env []string, args ...string) *run {
	t.Helper()
	r := &run{cmd: exec.Command(binPath, args...), addr: make(chan string, 1), done: make(chan error, 1)}
	r.cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	stderr, err := r.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			r.mu.Lock()
			r.lines = append(r.lines, line)
			r.mu.Unlock()
			var l struct{ Message, Addr string }
			if json.Unmarshal([]byte(line), &l) == nil && l.Message == "serving" && l.Addr != "" {
				r.addr <- l.Addr
			}
		}
		r.done <- r.cmd.Wait()
	}()
	t.Cleanup(func() { _ = r.cmd.Process.Kill() })
	return r
}

func (r *run) logs() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.lines, "\n")
}

func (r *run) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-r.done:
		return r.cmd.ProcessState.ExitCode()
	case <-time.After(30 * time.Second):
		t.Fatalf("binary did not exit; logs:\n%s", r.logs())
		return -1
	}
}

// newEmulator starts the OSS emulator with bucket "photos" and a client for it.
func newEmulator(t *testing.T) (*ossemutest.Server, *ossclient.Client) {
	t.Helper()
	emu := ossemutest.NewServer(t)
	emu.MustBucket(t, "photos")
	client, err := ossclient.New(ossclient.Config{Endpoint: emu.URL, Region: emu.Region, UsePathStyle: true,
		Credentials: ossclient.StaticCredentials{AccessKeyID: emu.AccessKeyID, AccessKeySecret: emu.AccessKeySecret}})
	if err != nil {
		t.Fatal(err)
	}
	return emu, client
}

func ossEnv(emu *ossemutest.Server) []string {
	return []string{"OSS_ENDPOINT=" + emu.URL, "OSS_REGION=" + emu.Region, "OSS_PATH_STYLE=true",
		"ALIBABA_CLOUD_ACCESS_KEY_ID=" + emu.AccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + emu.AccessKeySecret}
}

// testJPEG is a test photograph big enough for every default style.
func testJPEG(t testing.TB) []byte { return testimage.JPEG(t, 1600, 1200) }
