package signer

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sync"
	"time"
)

// keyCacheSize bounds the derived signing keys kept in memory. A function
// signs with one credential (or one STS credential per hour) in one region,
// so a handful of slots covers day and credential rollovers; anything
// beyond that is evicted oldest first.
const keyCacheSize = 16

// keyEntry is one derived key. The secret is never kept: only a salted
// SHA-256 of it identifies the credential, and the salt is random per
// process, so the cache holds nothing that could be compared against a
// guessed secret offline or that matches across processes.
type keyEntry struct {
	secretID [sha256.Size]byte
	day      [len(dateFormat)]byte
	region   string
	key      [sha256.Size]byte
	// macs holds crypto/hmac instances keyed with key, reset between
	// uses, so a signature costs one HMAC and no key setup.
	macs *sync.Pool
	used bool
}

// keyCache memoises SigningKey, whose four chained HMACs were about a
// tenth of the cost of minting a PostObject form (issue 8). Safe for
// concurrent use.
type keyCache struct {
	mu      sync.Mutex
	salt    [16]byte
	next    int // slot the next miss overwrites (FIFO)
	entries [keyCacheSize]keyEntry
}

// signingKeys is the process-wide cache every signing path uses.
var signingKeys = newKeyCache()

func newKeyCache() *keyCache {
	c := &keyCache{}
	// crypto/rand.Read never returns an error on supported platforms (it
	// crashes the program instead), so the salt is always random.
	_, _ = rand.Read(c.salt[:])
	return c
}

// secretID is SHA-256(salt || secret), built on the stack for the usual
// secret lengths.
func (c *keyCache) secretID(secret string) [sha256.Size]byte {
	var buf [128]byte
	b := append(buf[:0], c.salt[:]...)
	b = append(b, secret...)
	id := sha256.Sum256(b)
	clear(b) // do not leave the secret behind in a dead buffer
	return id
}

// sign returns hex(HMAC-SHA256(signing key, data)), the V4 signature of
// data, with the signing key for secret on day (UTC) in region. It cannot
// fail.
func (c *keyCache) sign(secret string, day time.Time, region, data string) string {
	pool := c.lookup(secret, day, region).macs
	h := pool.Get().(hash.Hash)
	h.Reset()
	h.Write([]byte(data))
	var sum [sha256.Size]byte
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], h.Sum(sum[:0]))
	pool.Put(h)
	return string(out[:])
}

// key returns the V4 signing key for secret on day (UTC) in region,
// deriving and remembering it on a miss. It cannot fail.
func (c *keyCache) key(secret string, day time.Time, region string) [sha256.Size]byte {
	return c.lookup(secret, day, region).key
}

// lookup finds or derives the cache entry for secret, day and region.
func (c *keyCache) lookup(secret string, day time.Time, region string) keyEntry {
	id := c.secretID(secret)
	var date [len(dateFormat)]byte
	day.UTC().AppendFormat(date[:0], dateFormat)

	c.mu.Lock()
	for i := range c.entries {
		e := &c.entries[i]
		if e.used && e.secretID == id && e.day == date && e.region == region {
			found := *e
			c.mu.Unlock()
			return found
		}
	}
	c.mu.Unlock()

	// Derive outside the lock: concurrent misses for one key both derive
	// the same bytes, which is cheaper than serialising every signer.
	var k [sha256.Size]byte
	copy(k[:], SigningKey(secret, day, region))

	e := keyEntry{secretID: id, day: date, region: region, key: k, used: true,
		macs: &sync.Pool{New: func() any { return hmac.New(sha256.New, k[:]) }}}
	c.mu.Lock()
	c.entries[c.next] = e
	c.next = (c.next + 1) % keyCacheSize
	c.mu.Unlock()
	return e
}
