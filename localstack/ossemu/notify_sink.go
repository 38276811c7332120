package ossemu

import (
	"context"
	"path/filepath"

	"github.com/ossflow/ossflow/localstack/notify"
)

// Sink receives event notifications, e.g. the FC emulator invoking the
// rule's target function. Deliver returning an error means "not
// delivered": the notification is retried with backoff, so a Sink must
// tolerate seeing one Notification.ID again after a crash.
type Sink interface {
	Deliver(ctx context.Context, n Notification) error
}

// SinkFunc adapts a function to Sink, as http.HandlerFunc does for
// handlers.
type SinkFunc func(ctx context.Context, n Notification) error

// Deliver calls f; its error contract is f's.
func (f SinkFunc) Deliver(ctx context.Context, n Notification) error { return f(ctx, n) }

// Notification is one delivery of one event for one rule.
type Notification struct {
	// ID is stable across retries and restarts.
	ID     string
	RuleID string
	Target string
	// Payload is the FC OSS event JSON ({"events":[...]}) with
	// oss.ruleId set to RuleID.
	Payload []byte
	// Attempt is 1 for the first delivery in this process.
	Attempt int
}

// openQueue starts notification delivery when rules are configured; the
// queue lives under <DataDir>/notify, or in memory without a DataDir.
func openQueue(cfg Config) (*notify.Queue, error) {
	if len(cfg.Notifications) == 0 {
		return nil, nil
	}
	dir := ""
	if cfg.DataDir != "" {
		dir = filepath.Join(cfg.DataDir, "notify")
	}
	// The queue keeps the wall clock: retry timers wait on real time, and
	// a clock a test pinned would never let a backoff run out.
	opts := notify.Options{Dir: dir, Retry: cfg.NotifyRetry}
	if cfg.OnNotifyError != nil {
		opts.OnDrop = func(it notify.Item, err error) { cfg.OnNotifyError(notificationOf(it), err) }
	}
	return notify.Open(opts, func(ctx context.Context, it notify.Item) error {
		return cfg.Sink.Deliver(ctx, notificationOf(it))
	})
}

func notificationOf(it notify.Item) Notification {
	return Notification{ID: it.ID, RuleID: it.Headers["rule"], Target: it.Headers["target"], Payload: it.Payload, Attempt: it.Attempt}
}

// enqueue queues ev for every rule it matches. It runs before the
// response is written, so a client that saw success knows the
// notification is on disk.
func (s *Server) enqueue(ev Event) {
	if s.queue == nil {
		return
	}
	for _, r := range s.cfg.Notifications {
		if !r.matches(ev) {
			continue
		}
		payload, err := fcEventJSON(s.cfg.AccountID, r.ID, ev)
		if err == nil {
			_, err = s.queue.Enqueue(map[string]string{"rule": r.ID, "target": r.Target}, payload)
		}
		if err != nil && s.cfg.OnNotifyError != nil {
			s.cfg.OnNotifyError(Notification{RuleID: r.ID, Target: r.Target, Payload: payload}, err)
		}
	}
}
