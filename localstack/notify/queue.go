package notify

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"time"
)

// ErrClosed is returned by Enqueue after Close.
var ErrClosed = errors.New("notify: queue is closed")

// DeliverFunc sends one item. A nil error removes the item; any error
// schedules a retry. ctx ends at the attempt timeout or on Close.
type DeliverFunc func(ctx context.Context, it Item) error

// Options configures a Queue.
type Options struct {
	// Dir holds the queue (queue/, tmp/, dead/); "" keeps it in memory.
	Dir string
	// Retry is the backoff policy; zero fields take their defaults.
	Retry Retry
	// Now is the clock for Enqueued and retry schedules. Default time.Now.
	// It must advance with real time: the worker sleeps on real timers
	// until an item's retry is due by this clock.
	Now func() time.Time
	// OnDrop, if set, is told about an item given up after
	// Retry.MaxAttempts failures, with the last error.
	OnDrop func(it Item, err error)
}

type entry struct {
	it  Item
	due time.Time
}

// Queue is a durable at-least-once delivery queue with one worker.
type Queue struct {
	opts    Options
	deliver DeliverFunc
	disk    *disk

	mu      sync.Mutex
	pending []*entry
	seq     uint64
	closed  bool

	wake   chan struct{}
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

// Open loads whatever opts.Dir holds and starts delivering it and every
// later Enqueue to deliver. It fails if the options are invalid, deliver
// is nil, or the directory cannot be created or read.
func Open(opts Options, deliver DeliverFunc) (*Queue, error) {
	if deliver == nil {
		return nil, errors.New("notify: a deliver function is required")
	}
	if err := opts.Retry.Validate(); err != nil {
		return nil, err
	}
	opts.Retry = opts.Retry.withDefaults()
	if opts.Now == nil {
		opts.Now = time.Now
	}
	q := &Queue{opts: opts, deliver: deliver, wake: make(chan struct{}, 1), done: make(chan struct{})}
	if opts.Dir != "" {
		d, err := openDisk(opts.Dir)
		if err != nil {
			return nil, err
		}
		items, err := d.load()
		if err != nil {
			return nil, err
		}
		q.disk = d
		now := opts.Now()
		for _, it := range items {
			q.pending = append(q.pending, &entry{it: it, due: now})
		}
	}
	q.ctx, q.cancel = context.WithCancel(context.Background())
	go q.run()
	return q, nil
}

// Enqueue stores an item with payload and headers; once it returns nil
// the item is on disk (in directory mode) and will be delivered at least
// once, by this process or the next one over the same directory. It
// fails with ErrClosed after Close, or with the storage error.
func (q *Queue) Enqueue(headers map[string]string, payload []byte) (Item, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return Item{}, ErrClosed
	}
	now := q.opts.Now().UTC()
	q.seq++
	// Time first so IDs sort in enqueue order across restarts; the
	// sequence number separates items enqueued within one clock tick.
	it := Item{ID: fmt.Sprintf("%016x-%08x", now.UnixNano(), q.seq), Headers: maps.Clone(headers),
		Payload: append([]byte(nil), payload...), Enqueued: now}
	if err := q.disk.save(it); err != nil {
		return Item{}, err
	}
	q.pending = append(q.pending, &entry{it: it, due: now})
	q.poke()
	return it, nil
}

// Pending is the number of items not yet delivered.
func (q *Queue) Pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.pending)
}

// Close stops the worker, cancelling a delivery in flight, and waits for
// it. Undelivered items stay on disk for the next Open. It is safe to
// call more than once and always returns nil.
func (q *Queue) Close() error {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cancel()
	<-q.done
	return nil
}

func (q *Queue) poke() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}
