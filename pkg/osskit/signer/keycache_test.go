package signer

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestKeyCacheMatchesDerivation asks a fresh cache for keys that differ in
// only one of secret, day or region, twice each (miss, then hit), and
// requires exactly SigningKey's bytes every time: a cache that confused
// two credentials, two days or two regions would sign with the wrong key.
func TestKeyCacheMatchesDerivation(t *testing.T) {
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, secret, region string
		at                   time.Time
	}{
		{"base", "secret-A", "cn-hangzhou", day},
		{"other secret", "secret-B", "cn-hangzhou", day},
		{"secret differing in the last byte", "secret-C", "cn-hangzhou", day},
		{"other region", "secret-A", "cn-shanghai", day},
		{"next day", "secret-A", "cn-hangzhou", day.Add(24 * time.Hour)},
		{"same UTC day, last second", "secret-A", "cn-hangzhou", day.Add(24*time.Hour - time.Second)},
		{"local zone, previous UTC day", "secret-A", "cn-hangzhou", time.Date(2026, 11, 22, 7, 0, 0, 0, time.FixedZone("CST", 8*3600))},
		{"secret longer than the stack buffer", strings.Repeat("long/secret+", 40), "cn-hangzhou", day},
		{"empty secret", "", "", day},
	}
	c := newKeyCache()
	for round := range 2 {
		for _, tt := range tests {
			got := c.key(tt.secret, tt.at, tt.region)
			if want := SigningKey(tt.secret, tt.at, tt.region); !bytes.Equal(got[:], want) {
				t.Errorf("round %d, %s: key = %x; want %x", round, tt.name, got, want)
			}
		}
	}
}

// TestKeyCacheBounded fills the cache with three times its size of
// credentials and checks it keeps at most keyCacheSize entries while still
// answering correctly for old and new ones.
func TestKeyCacheBounded(t *testing.T) {
	c := newKeyCache()
	day := time.Date(2026, 11, 22, 5, 0, 0, 0, time.UTC)
	for i := range 3 * keyCacheSize {
		secret := fmt.Sprintf("secret-%d", i)
		if got, want := c.key(secret, day, "cn-hangzhou"), SigningKey(secret, day, "cn-hangzhou"); !bytes.Equal(got[:], want) {
			t.Fatalf("secret %d: wrong key after %d insertions", i, i)
		}
	}
	if n := len(c.entries); n != keyCacheSize {
		t.Errorf("cache holds %d slots; want %d", n, keyCacheSize)
	}
	// The first secret was evicted long ago and is derived again correctly.
	if got, want := c.key("secret-0", day, "cn-hangzhou"), SigningKey("secret-0", day, "cn-hangzhou"); !bytes.Equal(got[:], want) {
		t.Errorf("evicted secret re-derived as %x; want %x", got, want)
	}
}

// TestKeyCacheHoldsNoSecret checks that no cache field carries the
// secret's bytes, that its identifier is not the plain hash of the secret,
// and that two processes (two caches, two salts) do not
// share an identifier for the same secret.
func TestKeyCacheHoldsNoSecret(t *testing.T) {
	const secret = "cn-hangzhou-secret-value"
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	a, b := newKeyCache(), newKeyCache()
	a.key(secret, day, "cn-hangzhou")
	b.key(secret, day, "cn-hangzhou")
	e := a.entries[0]
	if !e.used {
		t.Fatal("the derived key was not cached")
	}
	for name, field := range map[string][]byte{"secretID": e.secretID[:], "day": e.day[:], "region": []byte(e.region), "key": e.key[:]} {
		if bytes.Contains(field, []byte(secret)) {
			t.Errorf("cache field %s = %q holds the secret", name, field)
		}
	}
	if plain := sha256.Sum256([]byte(secret)); e.secretID == plain {
		t.Error("the cache identifies the secret by its unsalted SHA-256, which a guess can be checked against")
	}
	if e.secretID == b.entries[0].secretID {
		t.Error("two caches identify the same secret by the same hash; the salt must differ per process")
	}
}

// TestKeyCacheConcurrent signs from many goroutines at once (run with
// -race) and requires every answer to be the right key.
func TestKeyCacheConcurrent(t *testing.T) {
	c := newKeyCache()
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				secret := fmt.Sprintf("s-%d", (g+i)%(keyCacheSize+3))
				if got, want := c.key(secret, day, "cn-hangzhou"), SigningKey(secret, day, "cn-hangzhou"); !bytes.Equal(got[:], want) {
					errs <- fmt.Sprintf("goroutine %d: wrong key for %s", g, secret)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestCacheSignMatchesCryptoHMAC: a signature from the cache's pooled,
// reset HMACs equals a fresh crypto/hmac over SigningKey, across keys,
// days and message sizes, also when many goroutines share one entry.
func TestCacheSignMatchesCryptoHMAC(t *testing.T) {
	c := newKeyCache()
	want := func(secret string, day time.Time, region, data string) string {
		m := hmac.New(sha256.New, SigningKey(secret, day, region))
		m.Write([]byte(data))
		return hex.EncodeToString(m.Sum(nil))
	}
	day := time.Date(2026, 11, 22, 23, 59, 0, 0, time.UTC)
	for i, n := range []int{0, 1, 63, 64, 65, 2048, 70000} {
		data := strings.Repeat("x-oss-date\n", n/11+1)[:n]
		secret := fmt.Sprintf("secret-%d", i%2)
		for _, d := range []time.Time{day, day.Add(time.Minute)} {
			if got, w := c.sign(secret, d, "cn-hangzhou", data), want(secret, d, "cn-hangzhou", data); got != w {
				t.Errorf("len %d, %s: sign = %s; want %s", n, d, got, w)
			}
		}
	}
	var wg sync.WaitGroup
	w := want("shared", day, "cn-shanghai", "payload")
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if got := c.sign("shared", day, "cn-shanghai", "payload"); got != w {
					t.Errorf("concurrent sign = %s; want %s", got, w)
					return
				}
			}
		}()
	}
	wg.Wait()
}
