package fcemu

import (
	"context"
	"github.com/ossflow/ossflow/localstack/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestTimeoutKillsInstance(t *testing.T) {
	for _, custom := range []bool{false, true} {
		t.Run(map[bool]string{false: "go1", true: "custom"}[custom], func(t *testing.T) {
			ev := newEnv(t, nil, fnSpec{name: "web", kind: "http", custom: custom, timeout: 1, triggers: httpTrigger})
			srv := httptest.NewServer(ev.e.HTTPHandler())
			defer srv.Close()
			resp, _ := do(t, "GET", srv.URL+"/web/sleep?ms=4000", "", nil)
			if resp.StatusCode != http.StatusGatewayTimeout || resp.Header.Get("x-fc-error-type") != ErrTypeTimeout {
				t.Fatalf("status = %d, error type %q; want 504 %s", resp.StatusCode, resp.Header.Get("x-fc-error-type"), ErrTypeTimeout)
			}
			if !strings.Contains(ev.logs.String(), "function timed out after 1 s") {
				t.Errorf("the log does not report the timeout")
			}
			// The killed instance is replaced.
			if resp, body := do(t, "GET", srv.URL+"/web/echo/again", "", nil); resp.StatusCode != http.StatusCreated {
				t.Errorf("after a timeout: status = %d; want 201 from a new instance (body %q)", resp.StatusCode, body)
			}
		})
	}
}

func TestCrashedInstanceRestarts(t *testing.T) {
	for _, custom := range []bool{false, true} {
		t.Run(map[bool]string{false: "go1", true: "custom"}[custom], func(t *testing.T) {
			ev := newEnv(t, nil, fnSpec{name: "web", kind: "http", custom: custom, triggers: httpTrigger})
			srv := httptest.NewServer(ev.e.HTTPHandler())
			defer srv.Close()
			resp, _ := do(t, "GET", srv.URL+"/web/crash", "", nil)
			if resp.StatusCode != http.StatusBadGateway || resp.Header.Get("x-fc-error-type") != ErrTypeCrashed {
				t.Fatalf("status = %d, error type %q; want 502 %s", resp.StatusCode, resp.Header.Get("x-fc-error-type"), ErrTypeCrashed)
			}
			if resp, body := do(t, "GET", srv.URL+"/web/echo/after", "", nil); resp.StatusCode != http.StatusCreated {
				t.Fatalf("after a crash: status = %d; want 201 (body %q)", resp.StatusCode, body)
			}
			logs := ev.logs.String()
			if !strings.Contains(logs, "exit status 3") || strings.Count(logs, "instance started") != 2 {
				t.Errorf("logs should report the exit status and two instance starts:\n%s", logs)
			}
		})
	}
}

func TestMemoryLimitKillsInstance(t *testing.T) {
	ev := newEnv(t, nil, fnSpec{name: "web", kind: "http", memory: 128, triggers: httpTrigger})
	srv := httptest.NewServer(ev.e.HTTPHandler())
	defer srv.Close()
	resp, _ := do(t, "GET", srv.URL+"/web/alloc?mb=256", "", nil)
	if resp.StatusCode != http.StatusBadGateway || resp.Header.Get("x-fc-error-type") != ErrTypeMemory {
		t.Fatalf("status = %d, error type %q; want 502 %s", resp.StatusCode, resp.Header.Get("x-fc-error-type"), ErrTypeMemory)
	}
}

func TestMissingBinaryIsReported(t *testing.T) {
	ev := newEnv(t, func(c *Config) {
		c.CodeDir = func(_ template.Function) string { return t.TempDir() }
	}, fnSpec{name: "web", kind: "http"})
	r, err := ev.e.Invoke(context.Background(), "web", []byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Error == nil || r.Error.Type != ErrTypeStartFailed || !strings.Contains(r.Error.Message, "make build") {
		t.Errorf("Result.Error = %v; want %s telling to run make build", r.Error, ErrTypeStartFailed)
	}
}

func TestInstanceConcurrencyLimit(t *testing.T) {
	// One instance taking two requests at a time: the third waits.
	ev := newEnv(t, func(c *Config) { c.MaxInstances = 1 },
		fnSpec{name: "web", kind: "http", custom: true, conc: 2, triggers: httpTrigger})
	srv := httptest.NewServer(ev.e.HTTPHandler())
	defer srv.Close()
	p, _ := ev.e.pool("web")
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if resp, _ := do(t, "GET", srv.URL+"/web/sleep?ms=600", "", nil); resp.StatusCode != http.StatusOK {
				t.Errorf("status = %d; want 200", resp.StatusCode)
			}
		}()
	}
	maxActive, instances := 0, 0
	stop := make(chan struct{})
	go func() { wg.Wait(); close(stop) }()
	for done := false; !done; {
		select {
		case <-stop:
			done = true
		case <-time.After(5 * time.Millisecond):
		}
		p.mu.Lock()
		for _, in := range p.instances {
			maxActive = max(maxActive, in.active)
		}
		instances = max(instances, len(p.instances))
		p.mu.Unlock()
	}
	if maxActive != 2 || instances != 1 {
		t.Errorf("max in flight per instance = %d over %d instances; want 2 over 1", maxActive, instances)
	}
	if n := ev.awaitLogs("REPORT http", 3); n != 3 {
		t.Errorf("%d invocations reported; want 3", n)
	}
}

func TestGo1InstancesServeOneRequestEach(t *testing.T) {
	ev := newEnv(t, func(c *Config) { c.MaxInstances = 3 }, fnSpec{name: "web", kind: "http", triggers: httpTrigger})
	srv := httptest.NewServer(ev.e.HTTPHandler())
	defer srv.Close()
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do(t, "GET", srv.URL+"/web/sleep?ms=300", "", nil)
		}()
	}
	wg.Wait()
	if n := strings.Count(ev.logs.String(), "instance started"); n != 3 {
		t.Errorf("%d instances started for 3 concurrent requests; want 3 (go1 takes one request per instance)", n)
	}
}

func TestFailedSetupIsReportedAsStartFailure(t *testing.T) {
	for _, custom := range []bool{false, true} {
		t.Run(map[bool]string{false: "go1", true: "custom"}[custom], func(t *testing.T) {
			ev := newEnv(t, nil, fnSpec{name: "broken", kind: "bogus", custom: custom})
			r, err := ev.e.Invoke(context.Background(), "broken", []byte(`{}`))
			if err != nil {
				t.Fatal(err)
			}
			if r.Error == nil || r.Error.Type != ErrTypeStartFailed || !strings.Contains(r.Error.Message, "exit status 1") {
				t.Errorf("Result.Error = %v; want %s with the exit status", r.Error, ErrTypeStartFailed)
			}
			if !strings.Contains(ev.logs.String(), `TESTFN_KIND \"bogus\"`) && !strings.Contains(ev.logs.String(), "bogus") {
				t.Errorf("the function's own setup error is not in the logs")
			}
		})
	}
}
