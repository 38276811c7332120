package mint

import (
	"container/list"
	"context"
	"fmt"
	"sync"
)

// cache is a bounded LRU of grants plus the calls in flight, so that
// concurrent misses for one key wait for one call instead of each making
// their own (singleflight).
type cache struct {
	mu      sync.Mutex
	size    int
	order   *list.List // front = most recently used; values are *entry
	entries map[string]*list.Element
	flights map[string]*flight
}

type entry struct {
	key   string
	grant Grant
}

type flight struct {
	done  chan struct{}
	grant Grant
	err   error
}

func newCache(size int) *cache {
	return &cache{size: size, order: list.New(), entries: map[string]*list.Element{}, flights: map[string]*flight{}}
}

func (c *cache) get(key string) (Grant, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return Grant{}, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).grant, true
}

func (c *cache) put(key string, g Grant) {
	if el, ok := c.entries[key]; ok {
		el.Value.(*entry).grant = g
		c.order.MoveToFront(el)
		return
	}
	c.entries[key] = c.order.PushFront(&entry{key: key, grant: g})
	for c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(*entry).key)
	}
}

// do runs fn once for all concurrent callers of key and caches a success.
// A caller whose ctx ends stops waiting; the call goes on for the others.
func (c *cache) do(ctx context.Context, key string, fn func() (Grant, error)) (Grant, error) {
	c.mu.Lock()
	f, ok := c.flights[key]
	if !ok {
		f = &flight{done: make(chan struct{})}
		c.flights[key] = f
		go func() {
			g, err := safeCall(fn)
			c.mu.Lock()
			f.grant, f.err = g, err
			if err == nil {
				c.put(key, g)
			}
			delete(c.flights, key)
			c.mu.Unlock()
			close(f.done)
		}()
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.grant, f.err
	case <-ctx.Done():
		return Grant{}, ctx.Err()
	}
}

func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// safeCall turns a panic in fn into an error, so one bad call cannot take
// the instance down or leave waiters hanging.
func safeCall(fn func() (Grant, error)) (g Grant, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("mint: panic during AssumeRole: %v", v)
		}
	}()
	return fn()
}
