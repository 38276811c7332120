package notify

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// Retry says how often and how long a failing item is retried.
type Retry struct {
	// Min is the wait after the first failure; it doubles per failure up
	// to Max. Defaults 200ms and 1m.
	Min, Max time.Duration
	// MaxAttempts drops an item after that many failed deliveries (it is
	// moved to the dead/ directory and reported through Options.OnDrop).
	// Default 0: retry for ever, as a local cloud should while its
	// consumer is being fixed.
	MaxAttempts int
	// AttemptTimeout bounds one delivery. Default 30s.
	AttemptTimeout time.Duration
}

func (r Retry) withDefaults() Retry {
	if r.Min == 0 {
		r.Min = 200 * time.Millisecond
	}
	if r.Max == 0 {
		r.Max = time.Minute
	}
	if r.AttemptTimeout == 0 {
		r.AttemptTimeout = 30 * time.Second
	}
	return r
}

// Validate reports every problem with r at once, naming the field.
func (r Retry) Validate() error {
	var errs []error
	if r.Min < 0 || r.Max < 0 || r.AttemptTimeout < 0 {
		errs = append(errs, errors.New("notify retry: Min, Max and AttemptTimeout must not be negative"))
	}
	if r.Max != 0 && r.Min > r.Max {
		errs = append(errs, fmt.Errorf("notify retry: Min %s is above Max %s", r.Min, r.Max))
	}
	if r.MaxAttempts < 0 {
		errs = append(errs, fmt.Errorf("notify retry: MaxAttempts %d is negative", r.MaxAttempts))
	}
	return errors.Join(errs...)
}

// backoff is the wait after the n-th failed attempt (n >= 1): Min doubled
// n-1 times, capped at Max, with the upper half jittered so items that
// failed together do not retry in lockstep.
func (r Retry) backoff(n int) time.Duration {
	d := r.Min
	for i := 1; i < n && d < r.Max; i++ {
		d *= 2
	}
	d = min(d, r.Max)
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(half+1)
}
