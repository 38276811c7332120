package notify

import (
	"context"
	"slices"
	"time"
)

// run delivers the earliest-due item, one at a time, until Close. A
// failing item waits out its backoff while later items go ahead of it.
func (q *Queue) run() {
	defer close(q.done)
	for {
		e, wait := q.next()
		if e == nil {
			var timer *time.Timer
			var fire <-chan time.Time
			if wait > 0 {
				timer = time.NewTimer(wait)
				fire = timer.C
			}
			select {
			case <-q.ctx.Done():
			case <-q.wake:
			case <-fire:
			}
			if timer != nil {
				timer.Stop()
			}
			if q.ctx.Err() != nil {
				return
			}
			continue
		}
		q.attempt(e)
		if q.ctx.Err() != nil {
			return
		}
	}
}

// next returns the earliest item that is due, or how long until one is
// (0 when the queue is empty).
func (q *Queue) next() (*entry, time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.pending) == 0 {
		return nil, 0
	}
	first := slices.MinFunc(q.pending, func(a, b *entry) int {
		if c := a.due.Compare(b.due); c != 0 {
			return c
		}
		if a.it.ID < b.it.ID {
			return -1
		}
		return 1
	})
	if wait := first.due.Sub(q.opts.Now()); wait > 0 {
		return nil, wait
	}
	return first, 0
}

func (q *Queue) attempt(e *entry) {
	e.it.Attempt++
	ctx, cancel := context.WithTimeout(q.ctx, q.opts.Retry.AttemptTimeout)
	err := q.deliver(ctx, e.it)
	cancel()
	if err == nil {
		// Removal failing leaves a file a restart delivers again: a
		// duplicate, which at-least-once allows, rather than a loss.
		_ = q.disk.remove(e.it.ID)
		q.drop(e)
		return
	}
	if q.ctx.Err() != nil {
		return // closing: the item stays on disk for the next Open
	}
	if limit := q.opts.Retry.MaxAttempts; limit > 0 && e.it.Attempt >= limit {
		_ = q.disk.bury(e.it.ID)
		q.drop(e)
		if q.opts.OnDrop != nil {
			q.opts.OnDrop(e.it, err)
		}
		return
	}
	q.mu.Lock()
	e.due = q.opts.Now().Add(q.opts.Retry.backoff(e.it.Attempt))
	q.mu.Unlock()
}

func (q *Queue) drop(e *entry) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = slices.DeleteFunc(q.pending, func(x *entry) bool { return x == e })
}
