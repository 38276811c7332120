package callback

import (
	"context"
	"crypto/rsa"
	"sync"
	"time"
)

// keyCache keeps fetched public keys per URL, at most size of them, each for
// ttl. Concurrent misses for one URL share a single fetch, so a burst of
// callbacks on a cold instance costs one download. Failures are not cached:
// the next callback tries again.
type keyCache struct {
	mu      sync.Mutex
	size    int
	ttl     time.Duration
	now     func() time.Time
	entries map[string]*keyEntry
	// onWait, when set (tests only), runs as a caller starts waiting on
	// another caller's fetch.
	onWait func()
}

type keyEntry struct {
	done    chan struct{} // closed when key/err are set
	key     *rsa.PublicKey
	err     error
	fetched time.Time
	used    time.Time // for least-recently-used eviction
}

func newKeyCache(size int, ttl time.Duration, now func() time.Time) *keyCache {
	return &keyCache{size: size, ttl: ttl, now: now, entries: make(map[string]*keyEntry, size)}
}

// get returns the key for url, calling fetch on a miss. A waiter whose ctx
// ends stops waiting; the fetch itself runs on for the others.
func (c *keyCache) get(ctx context.Context, url string, fetch func() (*rsa.PublicKey, error)) (*rsa.PublicKey, error) {
	c.mu.Lock()
	now := c.now()
	e, ok := c.entries[url]
	if ok && e.ready() && now.Sub(e.fetched) >= c.ttl {
		delete(c.entries, url)
		ok = false
	}
	if ok {
		e.used = now
		wait := c.onWait
		c.mu.Unlock()
		if wait != nil && !e.ready() {
			wait()
		}
		select {
		case <-e.done:
			return e.key, e.err
		case <-ctx.Done():
			return nil, newErr(ReasonKeyFetch, ctx.Err(), "waiting for public key")
		}
	}
	e = &keyEntry{done: make(chan struct{}), used: now}
	cached := c.makeRoom()
	if cached {
		c.entries[url] = e
	}
	c.mu.Unlock()

	key, err := fetch()

	c.mu.Lock()
	e.key, e.err, e.fetched = key, err, c.now()
	if err != nil && cached && c.entries[url] == e {
		delete(c.entries, url)
	}
	close(e.done)
	c.mu.Unlock()
	return key, err
}

// makeRoom evicts the least recently used finished entry when the cache is
// full. It reports false when every slot is an in-flight fetch; the caller
// then fetches without caching rather than exceed the bound.
func (c *keyCache) makeRoom() bool {
	if len(c.entries) < c.size {
		return true
	}
	var victim string
	var oldest *keyEntry
	for u, e := range c.entries {
		if e.ready() && (oldest == nil || e.used.Before(oldest.used)) {
			victim, oldest = u, e
		}
	}
	if oldest == nil {
		return false
	}
	delete(c.entries, victim)
	return true
}

func (e *keyEntry) ready() bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}

// len reports how many URLs are cached (finished or in flight).
func (c *keyCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
