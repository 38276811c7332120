package fcemu

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/template"
	"github.com/ossflow/ossflow/pkg/events"
)

// codeRoot holds the built test function: go1/main for the go1 runtime
// and custom/bootstrap for custom runtimes (the same binary: serve picks
// the protocol from the environment).
var codeRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fcemu-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	codeRoot = dir
	for _, out := range []string{"go1/main", "custom/bootstrap"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, out), "./internal/testfn")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "build testfn: %v\n%s", err, b)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// syncBuffer is a log sink the test can read while functions write.
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

// testSecret is the role secret the credentials provider hands out; no log
// line may show it.
const testSecret = "role-secret-0123456789"

func testCredentials(fn string) (events.Credentials, error) {
	return events.Credentials{AccessKeyID: "STS.key-" + fn, AccessKeySecret: testSecret, SecurityToken: "token-abcdefghijkl"}, nil
}

// fnSpec describes one function of a test template.
type fnSpec struct {
	name, kind string // kind: TESTFN_KIND
	custom     bool
	memory     int
	timeout    int
	conc       int
	extra      string // more props, indented 6 spaces
	triggers   string // trigger list items, indented 8 spaces
}

func (s fnSpec) yaml(out string) string {
	runtime, code := "go1", "go1"
	if s.custom {
		runtime, code = "custom.debian12", "custom"
	}
	mem, timeout, conc := s.memory, s.timeout, s.conc
	if mem == 0 {
		mem = 128
	}
	if timeout == 0 {
		timeout = 10
	}
	if conc == 0 {
		conc = 1
	}
	y := fmt.Sprintf(`  %s:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: %s
      runtime: %s
      code: %s
      handler: main
      memorySize: %d
      timeout: %d
      instanceConcurrency: %d
      environmentVariables:
        TESTFN_KIND: %s
        TESTFN_OUT: %s
        TESTFN_GREETING: hello-from-template
`, s.name, s.name, runtime, code, mem, timeout, conc, s.kind, out)
	if s.custom {
		y += "      customRuntimeConfig: {command: [./bootstrap], port: 9000}\n"
	}
	y += s.extra
	if s.triggers != "" {
		y += "      triggers:\n" + s.triggers
	}
	return y
}

// env is one emulator under test.
type env struct {
	t    testing.TB
	e    *Emulator
	logs *syncBuffer
	out  string // TESTFN_OUT
	dlq  string
	done chan AsyncOutcome
}

func newEnv(t testing.TB, mod func(*Config), specs ...fnSpec) *env {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.txt")
	src := "edition: 3.0.0\nname: test\nresources:\n"
	for _, s := range specs {
		src += s.yaml(out)
	}
	tpl, warns, err := template.Parse([]byte(src), template.Options{LookupEnv: func(string) (string, bool) { return "", false }})
	if err != nil {
		t.Fatalf("template: %v\n%s", err, src)
	}
	for _, w := range warns {
		t.Logf("template warning: %s", w)
	}
	tpl.Dir = codeRoot
	ev := &env{t: t, logs: &syncBuffer{}, out: out, dlq: filepath.Join(dir, "dlq"), done: make(chan AsyncOutcome, 16)}
	cfg := Config{Template: tpl, Logs: ev.logs, Credentials: testCredentials, DeadLetterDir: ev.dlq,
		RetryBackoff: 10 * time.Millisecond, StartTimeout: 20 * time.Second,
		OnAsyncDone: func(o AsyncOutcome) { ev.done <- o }}
	if mod != nil {
		mod(&cfg)
	}
	ev.e, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := ev.e.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
		if strings.Contains(ev.logs.String(), testSecret) {
			t.Errorf("the role secret appears in the logs")
		}
		if t.Failed() {
			t.Logf("logs:\n%s", ev.logs.String())
		}
	})
	return ev
}

// outcome waits for the next async outcome.
func (ev *env) outcome() AsyncOutcome {
	ev.t.Helper()
	select {
	case o := <-ev.done:
		return o
	case <-time.After(30 * time.Second):
		ev.t.Fatal("no async outcome within 30 s")
		return AsyncOutcome{}
	}
}

// lines returns what the test function recorded.
func (ev *env) lines() []string {
	b, err := os.ReadFile(ev.out)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		ev.t.Fatal(err)
	}
	return strings.Fields(strings.ReplaceAll(strings.TrimSpace(string(b)), " ", "_"))
}

// awaitLogs waits until the emulator's log holds want at least n times and
// returns that count (less than n if it never got there within 10 s): an
// HTTP trigger writes its summary line just after the client has its answer.
func (ev *env) awaitLogs(want string, n int) int {
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := strings.Count(ev.logs.String(), want)
		if got >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
}
