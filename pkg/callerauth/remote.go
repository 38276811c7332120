package callerauth

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// maxJWKSBytes bounds a fetched JWK set; real sets are a few KB.
const maxJWKSBytes = 1 << 20

// fetchedSet is one successful fetch of a remote JWK set.
type fetchedSet struct {
	set *keySet
	at  time.Time
}

// remoteKeys caches a JWK set served at a URL. Lookups of known keys read an
// atomic pointer and take no lock; fetches are serialised by mu and spaced
// at least minGap apart whatever triggers them, so a stream of tokens with
// made-up kids costs the identity provider one request per minGap. Keys
// rotate in by an unknown kid (fetched at once, within minGap) or by age.
type remoteKeys struct {
	url    string
	client *http.Client
	minGap time.Duration
	maxAge time.Duration

	current atomic.Pointer[fetchedSet]
	mu      sync.Mutex
	tried   time.Time // last fetch attempt, guarded by mu
}

// keys returns the set to verify a token with key id kid. It fetches when
// there is no set yet, when the set is older than maxAge, or when kid is
// not in the set, each only if the last attempt is minGap old. A failed
// fetch keeps serving the previous set; with no set at all the error is
// returned so the caller can answer 503 rather than 401.
func (r *remoteKeys) keys(ctx context.Context, kid string, now time.Time) (*keySet, error) {
	if cur := r.current.Load(); cur != nil && now.Sub(cur.at) < r.maxAge && (kid == "" || cur.set.hasKID(kid)) {
		return cur.set, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	// Another request may have fetched while this one waited for mu.
	cur := r.current.Load()
	if cur != nil && now.Sub(cur.at) < r.maxAge && (kid == "" || cur.set.hasKID(kid)) {
		return cur.set, nil
	}
	if !r.tried.IsZero() && now.Sub(r.tried) < r.minGap {
		if cur != nil {
			return cur.set, nil
		}
		return nil, fmt.Errorf("JWKS %s: not fetched, last attempt failed %s ago", r.url, now.Sub(r.tried).Round(time.Millisecond))
	}
	r.tried = now
	set, err := r.fetch(ctx)
	if err != nil {
		if cur != nil {
			return cur.set, nil
		}
		return nil, err
	}
	r.current.Store(&fetchedSet{set: set, at: now})
	return set, nil
}

func (r *remoteKeys) fetch(ctx context.Context) (*keySet, error) {
	// The fetch serves every waiting request, so one caller hanging up
	// must not fail it for the others.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	if err != nil {
		return nil, fmt.Errorf("JWKS %s: %w", r.url, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch JWKS %s: %w", r.url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch JWKS %s: status = %d; want 200", r.url, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxJWKSBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read JWKS %s: %w", r.url, err)
	}
	if len(body) > maxJWKSBytes {
		return nil, fmt.Errorf("JWKS %s: larger than %d bytes", r.url, maxJWKSBytes)
	}
	set, err := parseKeySet(body)
	if err != nil {
		return nil, fmt.Errorf("JWKS %s: %w", r.url, err)
	}
	return set, nil
}
