package callerauth

import (
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/ossflow/ossflow/pkg/fault"
)

// step is one request in a JWKS cache scenario: a token signed by key at
// testNow+after, the outcome, and the identity provider's fetch count after.
type step struct {
	name        string
	key         testKey
	after       time.Duration
	publish     []testKey // published before the request, when set
	wantOK      bool
	wantMsg     string
	wantFetches int64
}

func runSteps(t *testing.T, srv *jwksServer, a *Authenticator, steps []step) {
	t.Helper()
	for _, s := range steps {
		if s.publish != nil {
			srv.publish(t, s.publish...)
		}
		c := goodClaims()
		c.Exp = testNow.Add(s.after + time.Hour)
		_, err := a.AuthenticateAt(bearerRequest(signWith(t, s.key, c)), testNow.Add(s.after))
		switch {
		case s.wantOK && err != nil:
			t.Errorf("%s: AuthenticateAt: %v; want success", s.name, err)
		case !s.wantOK && err == nil:
			t.Errorf("%s: AuthenticateAt succeeded; want %q", s.name, s.wantMsg)
		case !s.wantOK && fault.PublicMessage(err) != s.wantMsg:
			t.Errorf("%s: public message = %q; want %q", s.name, fault.PublicMessage(err), s.wantMsg)
		}
		if got := srv.fetches.Load(); got != s.wantFetches {
			t.Errorf("%s: JWKS fetches = %d; want %d", s.name, got, s.wantFetches)
		}
	}
}

func remoteAuth(t *testing.T, srv *jwksServer) *Authenticator {
	cfg := baseConfig()
	cfg.JWKSURL = srv.URL
	cfg.JWKSRefreshMinimum = time.Minute
	cfg.JWKSMaxAge = time.Hour
	return newAuth(t, cfg, srv.Client())
}

func TestJWKSUnknownKIDRefreshesOnce(t *testing.T) {
	k1, k2, _, _ := keys(t)
	srv := newJWKSServer(t, k1)
	runSteps(t, srv, remoteAuth(t, srv), []step{
		{name: "cold start fetches", key: k1, wantOK: true, wantFetches: 1},
		{name: "known kid is cached", key: k1, after: time.Second, wantOK: true, wantFetches: 1},
		{name: "unknown kid refreshes once", key: k2, after: 2 * time.Minute,
			wantMsg: "token is signed by an unknown key", wantFetches: 2},
		{name: "unknown kid again within the gap", key: k2, after: 2*time.Minute + time.Second,
			wantMsg: "token is signed by an unknown key", wantFetches: 2},
		{name: "known kid still fine", key: k1, after: 3 * time.Minute, wantOK: true, wantFetches: 2},
	})
}

func TestJWKSKeyRotation(t *testing.T) {
	k1, k2, _, _ := keys(t)
	srv := newJWKSServer(t, k1)
	runSteps(t, srv, remoteAuth(t, srv), []step{
		{name: "old key", key: k1, wantOK: true, wantFetches: 1},
		{name: "new kid published and used", key: k2, after: 90 * time.Second, publish: []testKey{k1, k2},
			wantOK: true, wantFetches: 2},
		{name: "new kid cached", key: k2, after: 91 * time.Second, wantOK: true, wantFetches: 2},
		{name: "old key retired, cache still holds it", key: k1, after: 10 * time.Minute, publish: []testKey{k2},
			wantOK: true, wantFetches: 2},
		{name: "set too old: refetched, old key gone", key: k1, after: 2 * time.Hour,
			wantMsg: "token is signed by an unknown key", wantFetches: 3},
	})
}

func TestJWKSUnavailable(t *testing.T) {
	k1, _, _, _ := keys(t)
	srv := newJWKSServer(t, k1)
	srv.status.Store(http.StatusBadGateway)
	a := remoteAuth(t, srv)
	_, err := a.AuthenticateAt(bearerRequest(signWith(t, k1, goodClaims())), testNow)
	if fault.KindOf(err) != fault.Unavailable || fault.HTTPStatus(err) != http.StatusServiceUnavailable {
		t.Fatalf("error = %v (status %d); want unavailable, 503", err, fault.HTTPStatus(err))
	}
	// The failure is not retried within the gap, so a down provider is not hammered.
	a.AuthenticateAt(bearerRequest(signWith(t, k1, goodClaims())), testNow.Add(time.Second))
	if got := srv.fetches.Load(); got != 1 {
		t.Errorf("fetches = %d; want 1", got)
	}
	srv.status.Store(http.StatusOK)
	if _, err := a.AuthenticateAt(bearerRequest(signWith(t, k1, goodClaims())), testNow.Add(2*time.Minute)); err != nil {
		t.Errorf("after recovery: %v; want success", err)
	}
	// A provider outage after a good fetch keeps the cached keys working.
	srv.status.Store(http.StatusInternalServerError)
	c := goodClaims()
	c.Exp = testNow.Add(5 * time.Hour)
	if _, err := a.AuthenticateAt(bearerRequest(signWith(t, k1, c)), testNow.Add(3*time.Hour)); err != nil {
		t.Errorf("stale set during outage: %v; want success", err)
	}
}

func TestJWKSConcurrentUnknownKID(t *testing.T) {
	k1, k2, _, _ := keys(t)
	srv := newJWKSServer(t, k1)
	a := remoteAuth(t, srv)
	srv.publish(t, k1, k2)
	token := signWith(t, k2, goodClaims())
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := a.AuthenticateAt(bearerRequest(token), testNow)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("AuthenticateAt: %v; want success", err)
		}
	}
	if got := srv.fetches.Load(); got != 1 {
		t.Errorf("fetches = %d; want 1 for 32 concurrent requests", got)
	}
}

func TestParseKeySetSkipsUnusableKeys(t *testing.T) {
	k1, _, _, ec := keys(t)
	set, err := parseKeySet([]byte(`{"keys":[
		{"kty":"oct","kid":"hmac","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"},
		{"kty":"RSA","kid":"enc","use":"enc","n":"` + rsaN(t, k1) + `","e":"AQAB"},
		{"kty":"RSA","kid":"wrong-alg","alg":"RS512","n":"` + rsaN(t, k1) + `","e":"AQAB"},
		{"kty":"RSA","kid":"short","n":"AQAB","e":"AQAB"},
		{"kty":"weird","kid":"x"}]}`))
	if err == nil {
		t.Fatalf("parseKeySet kept %d keys; want error for a set with no usable key", len(set.keys))
	}
	set, err = parseKeySet(jwksJSON(t, k1, ec))
	if err != nil || len(set.keys) != 2 {
		t.Fatalf("parseKeySet = %v, %v; want 2 keys", set, err)
	}
	if _, err := parseKeySet([]byte(`not json`)); err == nil || errors.Is(err, ErrInvalidToken) {
		t.Errorf("parseKeySet(not json) = %v; want a parse error", err)
	}
}

// TestJWKSBadResponses: an oversized or keyless set at cold start is an
// outage of the identity provider (503), not a caller's fault.
func TestJWKSBadResponses(t *testing.T) {
	k1, _, _, _ := keys(t)
	bodies := map[string][]byte{
		"oversized": append([]byte(`{"keys":[],"pad":"`), append(make([]byte, maxJWKSBytes), '"', '}')...),
		"no keys":   []byte(`{"keys":[]}`),
		"not json":  []byte(`<html>`),
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			srv := newJWKSServer(t, k1)
			srv.body.Store(&body)
			_, err := remoteAuth(t, srv).AuthenticateAt(bearerRequest(signWith(t, k1, goodClaims())), testNow)
			if fault.KindOf(err) != fault.Unavailable {
				t.Fatalf("error = %v (kind %v); want unavailable", err, fault.KindOf(err))
			}
			if got := fault.PublicMessage(err); got != "identity provider keys are unavailable" {
				t.Errorf("public message = %q", got)
			}
		})
	}
}

// TestJWKSPrivateKeysArePublicOnly: a provider that wrongly publishes
// private keys still works, and only the public halves are kept.
func TestJWKSPrivateKeysArePublicOnly(t *testing.T) {
	k1, _, _, _ := keys(t)
	b, err := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: k1.priv, KeyID: k1.kid, Use: "sig"}}})
	if err != nil {
		t.Fatal(err)
	}
	set, err := parseKeySet(b)
	if err != nil || len(set.keys) != 1 || !set.keys[0].IsPublic() {
		t.Fatalf("parseKeySet = %+v, %v; want one public key", set, err)
	}
}
