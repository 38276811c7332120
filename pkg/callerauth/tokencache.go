package callerauth

import (
	"crypto/sha256"
	"maps"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4/jwt"
)

// tokenCache remembers tokens that passed signature verification, keyed by
// their SHA-256, so a client repeating one token (a browser asking for
// fresh upload credentials) costs a map lookup instead of an RSA or ECDSA
// verification. Time claims are re-checked on every hit, so a cached token
// still expires on time. An entry lives at most ttl, which bounds how long
// a key removed from the JWK set keeps a token it signed alive (the JWK set
// itself is cached for JWKSMaxAge, which is longer). Only successes are
// cached: a bad token never displaces a good one. When full, an arbitrary
// entry is evicted; Go's map iteration order makes that a cheap random
// eviction with a hard bound on memory.
type tokenCache struct {
	max int
	ttl time.Duration

	mu      sync.Mutex
	entries map[[sha256.Size]byte]cachedToken
}

type cachedToken struct {
	std    jwt.Claims
	claims map[string]any
	stored time.Time
}

func newTokenCache(max int, ttl time.Duration) *tokenCache {
	return &tokenCache{max: max, ttl: ttl, entries: make(map[[sha256.Size]byte]cachedToken)}
}

// get returns the cached claims of token when it was verified less than
// ttl before now and its time claims still hold at now.
func (c *tokenCache) get(token string, now time.Time, exp jwt.Expected, leeway time.Duration) (map[string]any, bool) {
	key := sha256.Sum256([]byte(token))
	c.mu.Lock()
	e, ok := c.entries[key]
	if ok && (now.Sub(e.stored) >= c.ttl || now.Before(e.stored)) {
		delete(c.entries, key)
		ok = false
	}
	c.mu.Unlock()
	if !ok || e.std.ValidateWithLeeway(exp, leeway) != nil {
		return nil, false
	}
	// Callers may change their Identity's claims; the cached map stays intact.
	return maps.Clone(e.claims), true
}

func (c *tokenCache) put(token string, now time.Time, std jwt.Claims, claims map[string]any) {
	key := sha256.Sum256([]byte(token))
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.max {
		for k := range c.entries {
			delete(c.entries, k)
			break
		}
	}
	c.entries[key] = cachedToken{std: std, claims: maps.Clone(claims), stored: now}
}
