package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/sts-token/httpapi"
	"github.com/ossflow/ossflow/functions/sts-token/mint"
	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
	"github.com/ossflow/ossflow/functions/sts-token/stsclient"
	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/localstack/stsemu"
	"github.com/ossflow/ossflow/pkg/events"
)

// The local cloud's account, role and the function's own key: fixtures.
const (
	fnKeyID     = "LTAI5tStsTokenFn"
	fnKeySecret = "sts-token-fn-secret-for-tests"
	uploadRole  = "acs:ram::1234567890123456:role/ossflow-upload"
	bucket      = "ossflow-uploads"
)

// clock is a settable time source. Clients sign with the wall clock and
// both emulators refuse requests more than 15 minutes off, so tests move
// one part at a time, by less than that: STS back to issue a credential
// that is nearly spent, OSS and the function forward to see it expire.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.offset += d; c.mu.Unlock() }

// stack is the sts-token function wired as main.go wires it, against the
// STS and OSS emulators.
type stack struct {
	fnURL    string
	oss      *ossemutest.Server
	sts      *stsemu.Server
	clock    *clock // OSS emulator, function and JWT checks
	stsClock *clock
	assumes  atomic.Int32
	throttle atomic.Bool
	handler  http.Handler
}

func newStack(t testing.TB, profiles ...sessionpolicy.Profile) *stack {
	t.Helper()
	st := &stack{clock: &clock{}, stsClock: &clock{}}
	emu, err := stsemu.New(stsemu.Config{
		Roles: []stsemu.Role{{ARN: uploadRole,
			TrustPolicy: `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1234567890123456:root"}}]}`,
			// The role may do anything in the bucket (and another one): only
			// the session policy narrows it to the caller's prefix.
			PermissionPolicies: []string{`{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:*","Resource":["acs:oss:*:*:ossflow-uploads","acs:oss:*:*:ossflow-uploads/*","acs:oss:*:*:other-bucket/*"]}]}`},
		}},
		Callers:  map[string]stsemu.Caller{fnKeyID: {Secret: fnKeySecret, Principal: "acs:ram::1234567890123456:user/sts-token-fn"}},
		Clock:    st.stsClock.Now,
		Throttle: st.throttle.Load,
	})
	if err != nil {
		t.Fatal(err)
	}
	st.sts = emu
	stsHTTP := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st.assumes.Add(1)
		emu.ServeHTTP(w, r)
	}))
	t.Cleanup(stsHTTP.Close)

	st.oss = ossemutest.NewServer(t, func(c *ossemu.Config) {
		c.TempCredentials = emu.OSSCredentials
		c.Clock = st.clock.Now
	})
	st.oss.MustBucket(t, bucket)
	st.oss.MustBucket(t, "other-bucket")

	sts, err := stsclient.New(stsclient.Config{Endpoint: strings.TrimPrefix(stsHTTP.URL, "http://"), Protocol: "http", Region: "cn-hangzhou", RoleARN: uploadRole})
	if err != nil {
		t.Fatal(err)
	}
	minter, err := mint.New(mint.Config{
		Layout: sessionpolicy.Layout{Bucket: bucket, UploadPrefix: "uploads", ThumbPrefix: "thumbs"},
		Clock:  st.clock.Now,
	}, mint.AssumeFunc(func(ctx context.Context, r mint.Request) (mint.Credentials, error) {
		c, err := sts.AssumeRole(ctx, stsclient.Request(r))
		return mint.Credentials(c), err
	}))
	if err != nil {
		t.Fatal(err)
	}
	h, err := httpapi.New(httpapi.Config{Profiles: profiles, Region: "cn-hangzhou", Bucket: bucket, Endpoint: st.oss.URL},
		authenticator(t, st.clock.Now), minter)
	if err != nil {
		t.Fatal(err)
	}
	// The function's own credentials arrive per invocation, as on FC.
	st.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := events.WithInvocation(r.Context(), events.Invocation{Credentials: events.Credentials{AccessKeyID: fnKeyID, AccessKeySecret: fnKeySecret}})
		h.ServeHTTP(w, r.WithContext(ctx))
	})
	fn := httptest.NewServer(st.handler)
	t.Cleanup(fn.Close)
	st.fnURL = fn.URL
	return st
}
