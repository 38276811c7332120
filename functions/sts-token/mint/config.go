// Package mint is the sts-token use case: it turns a verified caller and a
// profile into scoped temporary credentials, calling STS through a small
// interface and caching the result per (caller, profile) so that bursts
// stay far below STS's 100 requests/s per account.
//
// The cache is a bounded LRU. An entry is served until RefreshBefore
// remains of its lifetime; concurrent misses for one key share a single
// AssumeRole call (singleflight). When STS is throttling or unavailable, a
// cached set with at least MinRemaining of life left is served instead of
// failing; otherwise the error is kind Unavailable and the edge answers
// 503 with Retry-After.
package mint

import (
	"errors"
	"fmt"
	"time"

	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
)

// Defaults and bounds for Config.
const (
	MinDuration            = 900 * time.Second // STS's minimum DurationSeconds
	DefaultDuration        = 900 * time.Second
	DefaultRoleMaxDuration = 3600 * time.Second
	DefaultRefreshBefore   = 300 * time.Second
	DefaultMinRemaining    = 60 * time.Second
	DefaultCacheSize       = 10000
	DefaultCallTimeout     = 10 * time.Second
)

// Config is what the use case needs from configuration.
type Config struct {
	Layout sessionpolicy.Layout
	// Duration is the credential lifetime asked of STS, clamped to
	// MinDuration..RoleMaxDuration. Default DefaultDuration.
	Duration time.Duration
	// RoleMaxDuration is the role's MaxSessionDuration. Default 1h.
	RoleMaxDuration time.Duration
	// RefreshBefore: a cached set is replaced once less than this remains.
	RefreshBefore time.Duration
	// MinRemaining: under throttling, a cached set is still served while at
	// least this much of its life remains.
	MinRemaining time.Duration
	// CacheSize bounds the number of cached (caller, profile) sets.
	CacheSize int
	// CallTimeout bounds the shared AssumeRole call.
	CallTimeout time.Duration
	// Clock returns the current time. Default time.Now.
	Clock func() time.Time
}

// WithDefaults fills zero fields and clamps Duration to
// MinDuration..RoleMaxDuration, as issue 7 asks.
func (c Config) WithDefaults() Config {
	if c.RoleMaxDuration == 0 {
		c.RoleMaxDuration = DefaultRoleMaxDuration
	}
	if c.Duration == 0 {
		c.Duration = DefaultDuration
	}
	c.Duration = min(max(c.Duration, MinDuration), c.RoleMaxDuration)
	if c.RefreshBefore == 0 {
		c.RefreshBefore = DefaultRefreshBefore
	}
	if c.MinRemaining == 0 {
		c.MinRemaining = DefaultMinRemaining
	}
	if c.CacheSize == 0 {
		c.CacheSize = DefaultCacheSize
	}
	if c.CallTimeout == 0 {
		c.CallTimeout = DefaultCallTimeout
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	return c
}

// Validate joins every problem with c (after WithDefaults), naming the field.
func (c Config) Validate() error {
	var errs []error
	if err := c.Layout.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("mint config: Layout: %w", err))
	}
	if c.RoleMaxDuration < 3600*time.Second || c.RoleMaxDuration > 43200*time.Second {
		errs = append(errs, fmt.Errorf("mint config: RoleMaxDuration %v is outside 1h..12h", c.RoleMaxDuration))
	}
	if c.RefreshBefore < 0 || c.RefreshBefore >= c.Duration {
		errs = append(errs, fmt.Errorf("mint config: RefreshBefore %v must be below the credential lifetime %v", c.RefreshBefore, c.Duration))
	}
	if c.MinRemaining < 0 || c.MinRemaining > c.RefreshBefore {
		errs = append(errs, fmt.Errorf("mint config: MinRemaining %v must be between 0 and RefreshBefore %v", c.MinRemaining, c.RefreshBefore))
	}
	if c.CacheSize < 1 {
		errs = append(errs, fmt.Errorf("mint config: CacheSize %d must be at least 1", c.CacheSize))
	}
	return errors.Join(errs...)
}
