package fcemu

import (
	"context"
	"sync"
	"time"

	"github.com/ossflow/ossflow/localstack/template"
)

// pool holds one function's instances and hands out invocation slots:
// at most fn.Concurrency per instance, at most max instances.
type pool struct {
	e   *Emulator
	fn  *template.Function
	max int

	mu        sync.Mutex
	instances []*instance
	starting  int
	changed   chan struct{} // closed and replaced whenever a slot may have freed
	closed    bool
}

func newPool(e *Emulator, fn *template.Function, max int) *pool {
	return &pool{e: e, fn: fn, max: max, changed: make(chan struct{})}
}

// broadcast wakes every waiter; call with mu held.
func (p *pool) broadcast() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// acquire returns an instance with a free slot, starting one (a cold
// start) if none has one and the cap allows, else waiting. Start failures
// are *FunctionError.
func (p *pool) acquire(ctx context.Context) (inst *instance, cold bool, err error) {
	p.mu.Lock()
	for {
		if p.closed {
			p.mu.Unlock()
			return nil, false, ErrClosed
		}
		for _, in := range p.instances {
			if in.active < p.fn.Concurrency && in.proc.alive() {
				in.active++
				p.mu.Unlock()
				return in, false, nil
			}
		}
		if len(p.instances)+p.starting < p.max {
			p.starting++
			p.mu.Unlock()
			in, err := p.e.startInstance(p.fn)
			p.mu.Lock()
			p.starting--
			if err != nil {
				p.broadcast()
				p.mu.Unlock()
				return nil, false, err
			}
			if p.closed {
				p.mu.Unlock()
				p.e.stopInstance(in)
				return nil, false, ErrClosed
			}
			in.active = 1
			p.instances = append(p.instances, in)
			p.mu.Unlock()
			p.e.logs.event(p.fn.Resource, "info", "instance started", "instance", in.id)
			go p.watch(in)
			return in, true, nil
		}
		wait := p.changed
		p.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
		p.mu.Lock()
	}
}

// release frees inst's slot.
func (p *pool) release(inst *instance) {
	p.mu.Lock()
	inst.active--
	inst.lastUsed = time.Now()
	p.broadcast()
	p.mu.Unlock()
}

// watch drops inst from the pool when its process exits, so the next
// invocation starts a fresh instance: FC's answer to a crash.
func (p *pool) watch(inst *instance) {
	<-inst.proc.done
	inst.drv.close()
	p.mu.Lock()
	for i, in := range p.instances {
		if in == inst {
			p.instances = append(p.instances[:i], p.instances[i+1:]...)
			break
		}
	}
	quiet := p.closed || inst.retired
	p.broadcast()
	p.mu.Unlock()
	if !quiet {
		fe := inst.proc.exitError()
		p.e.logs.event(p.fn.Resource, "warn", "instance stopped; the next invocation starts a new one",
			"instance", inst.id, "reason", fe.Error())
	}
}

// close stops every instance, running pre-stop hooks first.
func (p *pool) close() {
	p.mu.Lock()
	p.closed = true
	insts := append([]*instance{}, p.instances...)
	p.broadcast()
	p.mu.Unlock()
	var wg sync.WaitGroup
	for _, in := range insts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.e.stopInstance(in)
		}()
	}
	wg.Wait()
}

// reapIdle stops instances that have served nothing for idle, running
// their pre-stop hooks, as FC reclaims idle instances.
func (p *pool) reapIdle(now time.Time, idle time.Duration) {
	p.mu.Lock()
	var victims []*instance
	keep := p.instances[:0]
	for _, in := range p.instances {
		if in.active == 0 && now.Sub(in.lastUsed) >= idle {
			in.retired = true
			victims = append(victims, in)
		} else {
			keep = append(keep, in)
		}
	}
	p.instances = keep
	p.mu.Unlock()
	for _, in := range victims {
		p.e.logs.event(p.fn.Resource, "info", "instance idle; stopping it", "instance", in.id, "idle", idle.String())
		p.e.stopInstance(in)
	}
}
