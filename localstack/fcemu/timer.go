package fcemu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ossflow/ossflow/localstack/template"
)

// timerEvent is the FC timer trigger payload.
type timerEvent struct {
	TriggerTime string `json:"triggerTime"`
	TriggerName string `json:"triggerName"`
	Payload     string `json:"payload"`
}

func timerPayload(name, payload string, at time.Time) []byte {
	b, _ := json.Marshal(timerEvent{TriggerTime: at.UTC().Format(time.RFC3339), TriggerName: name, Payload: payload})
	return b
}

// startTimers schedules every enabled timer trigger; each firing is an
// async invocation, as on FC.
func (e *Emulator) startTimers() error {
	for _, f := range e.tpl.Functions {
		if !f.Emulated {
			continue
		}
		for _, t := range f.Triggers {
			if t.Timer == nil {
				continue
			}
			if !t.Timer.Enable {
				e.logs.event(f.Resource, "info", "timer disabled in the template; FireTimer still fires it", "trigger", t.Name)
				continue
			}
			s, err := template.ParseSchedule(t.Timer.Cron)
			if err != nil {
				return fmt.Errorf("fcemu: %s trigger %s: %w", f.Resource, t.Name, err)
			}
			e.timers.Add(1)
			go e.runTimer(f.Resource, t.Name, t.Timer.Payload, s)
		}
	}
	if idle := e.cfg.IdleTimeout; idle > 0 {
		e.timers.Add(1)
		go e.reap(idle)
	}
	return nil
}

// reap stops idle instances until Close.
func (e *Emulator) reap(idle time.Duration) {
	defer e.timers.Done()
	t := time.NewTicker(max(idle/2, 50*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-e.ctx.Done():
			return
		case now := <-t.C:
			seen := map[*pool]bool{}
			for _, p := range e.pools {
				if !seen[p] {
					seen[p] = true
					p.reapIdle(now, idle)
				}
			}
		}
	}
}

func (e *Emulator) runTimer(fn, name, payload string, s template.Schedule) {
	defer e.timers.Done()
	for {
		next := s.Next(time.Now())
		t := time.NewTimer(time.Until(next))
		select {
		case <-e.ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		_, err := e.InvokeAsync(fn, timerPayload(name, payload, next))
		if errors.Is(err, ErrClosed) {
			return
		}
		if err != nil {
			e.logs.event(fn, "error", "timer not fired", "trigger", name, "error", err.Error())
			continue
		}
		e.logs.event(fn, "info", "timer fired", "trigger", name)
	}
}

// FireTimer fires the timer trigger called name now (enabled or not) and
// waits for the invocation, for a "run the audit now" command. name is the
// triggerName, or "<function>/<triggerName>" when several functions share
// it. It fails for an unknown or ambiguous name; the function's own
// failure is in Result.Error.
func (e *Emulator) FireTimer(ctx context.Context, name string) (Result, error) {
	fnName, trig, qualified := strings.Cut(name, "/")
	if !qualified {
		trig, fnName = name, ""
	}
	var fn string
	var t *template.TimerTrigger
	for _, f := range e.tpl.Functions {
		if !f.Emulated || (fnName != "" && f.Resource != fnName && f.Name != fnName) {
			continue
		}
		for _, tr := range f.Triggers {
			if tr.Timer != nil && tr.Name == trig {
				if t != nil {
					return Result{}, fmt.Errorf("fire timer %q: several functions have it; name it as <function>/%s", name, trig)
				}
				fn, t = f.Resource, tr.Timer
			}
		}
	}
	if t == nil {
		return Result{}, fmt.Errorf("fire timer %q: %w: no such timer trigger", name, ErrUnknownFunction)
	}
	return e.invoke(ctx, fn, call{id: newID("1"), payload: timerPayload(trig, t.Payload, e.cfg.Clock())}, "timer")
}
