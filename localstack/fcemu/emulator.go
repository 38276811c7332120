package fcemu

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ossflow/ossflow/localstack/template"
	"github.com/ossflow/ossflow/pkg/events"
)

// Emulator runs a template's functions. It is safe for concurrent use.
type Emulator struct {
	cfg   Config
	tpl   *template.Template
	logs  *logSink
	pools map[string]*pool // by resource key and by functionName

	ctx    context.Context // cancelled by Close: stops timers and async retries
	cancel context.CancelFunc
	async  sync.WaitGroup
	timers sync.WaitGroup
	once   sync.Once
	done   chan struct{} // closed when Close has stopped everything

	mu      sync.Mutex
	closing bool // guards async.Add against Close's Wait
}

// New validates cfg and returns an Emulator whose timers are running.
// Instances start on first invocation. Functions the template marks as not
// emulated are left out (the template loader has warned about them). It
// fails with cfg.Validate's error, or if a timer's cron expression does
// not parse (Parse would have refused it already).
func New(cfg Config) (*Emulator, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	e := &Emulator{cfg: cfg, tpl: cfg.Template, pools: map[string]*pool{},
		logs: &logSink{w: cfg.Logs, json: cfg.JSONLogs}, done: make(chan struct{})}
	e.ctx, e.cancel = context.WithCancel(context.Background())
	for i := range e.tpl.Functions {
		f := &e.tpl.Functions[i]
		if !f.Emulated {
			continue
		}
		p := newPool(e, f, cfg.MaxInstances)
		e.pools[f.Resource] = p
		e.pools[f.Name] = p
	}
	if err := e.startTimers(); err != nil {
		e.cancel()
		return nil, err
	}
	return e, nil
}

func (e *Emulator) pool(fn string) (*pool, error) {
	p, ok := e.pools[fn]
	if !ok {
		return nil, fmt.Errorf("%w %q: not in the template, or its runtime is not emulated", ErrUnknownFunction, fn)
	}
	return p, nil
}

// Invoke calls fn (resource key or functionName) synchronously with
// payload and waits for the outcome. The function's failures — its own
// errors, a timeout, running out of memory, a crash, a failed start — are
// in Result.Error; the error is for an unknown function, an oversized
// payload, ctx ending while waiting for an instance, or a closed emulator.
func (e *Emulator) Invoke(ctx context.Context, fn string, payload []byte) (Result, error) {
	if len(payload) > MaxSyncPayload {
		return Result{}, fmt.Errorf("invoke %s: payload of %d bytes is over FC's %d-byte limit", fn, len(payload), MaxSyncPayload)
	}
	return e.invoke(ctx, fn, call{id: newID("1"), payload: payload}, "invoke")
}

// invoke runs c on an instance of fn and logs its summary.
func (e *Emulator) invoke(ctx context.Context, fn string, c call, kind string) (Result, error) {
	rp, err := e.run(ctx, fn, c, kind)
	if err != nil {
		return Result{}, err
	}
	r := rp.log()
	if r.Error == nil && ctx.Err() != nil {
		return r, fmt.Errorf("invoke %s: %w", fn, ctx.Err())
	}
	return r, nil
}

// run runs c on an instance of fn and returns its outcome with the
// summary line still to be logged. The error is for an unknown function,
// ctx ending while waiting for an instance, or a closed emulator; the
// function's own failures are in the report's Result.
func (e *Emulator) run(ctx context.Context, fn string, c call, kind string) (*report, error) {
	p, err := e.pool(fn)
	if err != nil {
		return nil, err
	}
	rp := &report{logs: e.logs, fn: p.fn.Resource, kind: kind}
	inst, cold, err := p.acquire(ctx)
	var fe *FunctionError
	if errors.As(err, &fe) {
		rp.r = Result{RequestID: c.id, Error: fe, MemoryMB: p.fn.MemoryMB, ColdStart: true}
		return rp, nil
	}
	if err != nil {
		return nil, fmt.Errorf("invoke %s: %w", fn, err)
	}
	defer p.release(inst)
	c.timeout = p.fn.TimeoutSec
	creds, err := e.credentials(p.fn)
	if errors.As(err, &fe) {
		rp.r = Result{RequestID: c.id, Error: fe, MemoryMB: p.fn.MemoryMB}
		return rp, nil
	}
	c.creds = creds
	rp.r = e.hand(ctx, inst, c)
	rp.r.ColdStart = cold
	rp.proc = inst.proc
	return rp, nil
}

// hand gives c to inst under the call's own timeout and classifies the
// outcome. A timeout kills the instance, as does exceeding memory; the
// pool then replaces it on the next invocation. MaxMemoryUsedMB is left
// for the report, which reads it once the caller has its answer.
func (e *Emulator) hand(ctx context.Context, inst *instance, c call) Result {
	start := time.Now()
	c.deadline = start.Add(time.Duration(c.timeout) * time.Second)
	ictx, cancel := context.WithDeadline(ctx, c.deadline)
	defer cancel()
	out, fe, err := inst.drv.invoke(ictx, c)
	r := Result{RequestID: c.id, Payload: out, Error: fe, MemoryMB: inst.fn.MemoryMB}
	switch {
	case err == nil:
	case errors.Is(err, errGone):
		<-inst.proc.done
		r.Error = inst.proc.exitError()
	case ictx.Err() == context.DeadlineExceeded && ctx.Err() == nil:
		inst.proc.kill(ErrTypeTimeout, fmt.Sprintf("function timed out after %d s; the instance was stopped", c.timeout))
		<-inst.proc.done
		r.Error = inst.proc.exitError()
	default:
		// The caller gave up (a client went away); as on FC, the function runs on.
		r.Error = &FunctionError{Type: "InvocationCancelled", Message: err.Error()}
	}
	r.Duration = time.Since(start)
	return r
}

// credentials asks the provider for fn's role credentials and keeps the
// secret halves out of every log line from then on.
func (e *Emulator) credentials(f *template.Function) (events.Credentials, error) {
	if e.cfg.Credentials == nil {
		return events.Credentials{}, nil
	}
	c, err := e.cfg.Credentials(f.Resource)
	if err != nil {
		// The provider's error text is not shown: it may quote what it was given.
		e.logs.event(f.Resource, "error", "role credentials unavailable")
		return events.Credentials{}, &FunctionError{Type: ErrTypeCredentials,
			Message: "the credentials provider failed for " + f.Resource}
	}
	e.logs.addSecret(c.AccessKeySecret)
	e.logs.addSecret(c.SecurityToken)
	return c, nil
}

// Close stops timers, abandons async retries that have not started, and
// stops every instance (pre-stop hook, SIGTERM, then SIGKILL). It returns
// when every function process has exited, or ctx ends.
func (e *Emulator) Close(ctx context.Context) error {
	e.once.Do(func() {
		e.mu.Lock()
		e.closing = true
		e.mu.Unlock()
		e.cancel()
		go func() {
			defer close(e.done)
			e.timers.Wait()
			seen := map[*pool]bool{}
			var wg sync.WaitGroup
			for _, p := range e.pools {
				if seen[p] {
					continue
				}
				seen[p] = true
				wg.Add(1)
				go func() {
					defer wg.Done()
					p.close()
				}()
			}
			wg.Wait()
			e.async.Wait()
		}()
	})
	select {
	case <-e.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("fcemu close: %w", ctx.Err())
	}
}

// newID returns an FC-style request id: "1-<8 hex>-<24 hex>".
func newID(prefix string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return prefix + "-" + h[:8] + "-" + h[8:32]
}

// report is an invocation's outcome and the summary line it still owes
// the log. The HTTP trigger answers its client first and logs after, so
// that reading the instance's peak memory from /proc and writing the line
// are not part of the request's latency; every other caller logs at once.
type report struct {
	logs     *logSink
	fn, kind string
	proc     *process // nil when no instance ran the call
	r        Result
}

// log fills in MaxMemoryUsedMB, writes the summary line and returns the
// completed Result.
func (rp *report) log() Result {
	if rp.proc != nil {
		rp.r.MaxMemoryUsedMB = rp.proc.peakMB()
	}
	rp.logs.summary(rp.fn, rp.kind, rp.r)
	return rp.r
}
