package mint

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
	"github.com/ossflow/ossflow/pkg/fault"
)

// Request is one AssumeRole call, as the use case needs it made.
type Request struct {
	SessionName string
	Policy      string
	Duration    time.Duration
}

// Credentials are temporary credentials from STS.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
	Expiration      time.Time
}

// Assumer calls STS AssumeRole. Errors of kind fault.Unavailable mean "try
// later" (throttled, unreachable); any other error is a failed call.
type Assumer interface {
	AssumeRole(ctx context.Context, req Request) (Credentials, error)
}

// AssumeFunc adapts a function to Assumer.
type AssumeFunc func(ctx context.Context, req Request) (Credentials, error)

// AssumeRole calls f.
func (f AssumeFunc) AssumeRole(ctx context.Context, req Request) (Credentials, error) {
	return f(ctx, req)
}

// Caller is a verified identity, already mapped by callerauth.
type Caller struct {
	// Subject is the identity as verified; it keys the cache.
	Subject string
	// Segment is the caller's key segment (callerauth.SafeSegment).
	Segment string
	// SessionName is the STS RoleSessionName (callerauth.SessionName).
	SessionName string
}

// Grant is what a caller receives.
type Grant struct {
	Credentials
	Profile sessionpolicy.Profile
	// Prefix is the key prefix the caller may write under, ending in "/".
	Prefix string
	// Cached reports whether the set came from the cache.
	Cached bool
}

// ErrUpstream matches errors where STS answered but refused or failed the
// call; the edge answers 502 with a generic message.
var ErrUpstream = errors.New("sts call failed")

// Service mints grants. Build it with New; it is safe for concurrent use.
type Service struct {
	cfg   Config
	sts   Assumer
	cache *cache
}

// New applies defaults, validates cfg and returns a Service calling sts.
func New(cfg Config, sts Assumer) (*Service, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if sts == nil {
		return nil, errors.New("mint: an Assumer is required")
	}
	return &Service{cfg: cfg, sts: sts, cache: newCache(cfg.CacheSize)}, nil
}

// Mint returns credentials for caller scoped to profile. Errors carry a
// fault kind: Forbidden when no policy can be built for the caller,
// Unavailable (STS throttled or unreachable, and no cached set usable; the
// edge answers 503 + Retry-After), ErrUpstream-matching Internal errors
// when STS refused the call, and the context's error when ctx ends first.
func (s *Service) Mint(ctx context.Context, c Caller, p sessionpolicy.Profile) (Grant, error) {
	key := string(p) + "\x00" + c.Subject
	now := s.cfg.Clock()
	if g, ok := s.cache.get(key); ok && now.Before(g.Expiration.Add(-s.cfg.RefreshBefore)) {
		g.Cached = true
		return g, nil
	}
	g, err := s.cache.do(ctx, key, func() (Grant, error) { return s.assume(ctx, c, p) })
	if err == nil {
		return g, nil
	}
	if fault.KindOf(err) == fault.Unavailable {
		// STS is throttling or down: an older set that still has life in
		// it beats an error.
		if old, ok := s.cache.get(key); ok && s.cfg.Clock().Before(old.Expiration.Add(-s.cfg.MinRemaining)) {
			old.Cached = true
			return old, nil
		}
	}
	return Grant{}, err
}

// assume runs one AssumeRole call on behalf of every caller waiting on key.
// It is detached from the first caller's cancellation, since others share
// its result, and bounded by CallTimeout.
func (s *Service) assume(ctx context.Context, c Caller, p sessionpolicy.Profile) (Grant, error) {
	policy, err := sessionpolicy.Build(s.cfg.Layout, p, c.Segment)
	if err != nil {
		return Grant{}, fault.Wrap(fault.Forbidden, "no credentials can be scoped to this identity", fmt.Errorf("session policy for %q: %w", c.Segment, err))
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.CallTimeout)
	defer cancel()
	creds, err := s.sts.AssumeRole(ctx, Request{SessionName: c.SessionName, Policy: policy, Duration: s.cfg.Duration})
	if err != nil {
		if fault.KindOf(err) == fault.Unavailable {
			return Grant{}, fault.Wrap(fault.Unavailable, "credential service busy, retry later", fmt.Errorf("mint %s for %s: %w", p, c.SessionName, err))
		}
		return Grant{}, fault.Wrap(fault.Internal, "", fmt.Errorf("mint %s for %s: %w: %w", p, c.SessionName, ErrUpstream, err))
	}
	return Grant{Credentials: creds, Profile: p, Prefix: s.cfg.Layout.UserPrefix(c.Segment)}, nil
}
