package ossclient

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/retry"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// newRetryer configures the SDK's standard retryer rather than wrapping
// calls in our own loop: inside the SDK a retry rewinds the body, re-reads
// credentials, re-signs, corrects clock skew and sleeps with the context,
// none of which an outer loop could do without re-buffering bodies. We
// replace only its policy: the SDK default also retries 401 and any
// "BadRequest", which for us are permanent.
func newRetryer(c Config) retry.Retryer {
	return retry.NewStandard(func(o *retry.RetryOptions) {
		o.MaxAttempts = c.MaxAttempts
		o.BaseDelay = c.BaseDelay
		o.MaxBackoff = c.MaxBackoff
		o.Backoff = fullJitter{base: c.BaseDelay, max: c.MaxBackoff}
		o.ErrorRetryables = []retry.ErrorRetryable{transient{}, &retry.ConnectionErrorRetryable{}}
	})
}

// transient retries the service errors osskit calls transient (throttling,
// 5xx, 408), plus RequestTimeTooSkewed, which the SDK fixes by adjusting
// its clock offset before the next attempt.
type transient struct{}

// IsErrorRetryable implements retry.ErrorRetryable.
func (transient) IsErrorRetryable(err error) bool {
	var se *oss.ServiceError
	if !errors.As(err, &se) {
		return false
	}
	if se.Code == "RequestTimeTooSkewed" {
		return true
	}
	k := kindOf(se.StatusCode, se.Code)
	return k == osskit.ErrThrottled || k == osskit.ErrUnavailable
}

// fullJitter draws each delay uniformly from [0, ceiling), where the
// ceiling is base for the first retry and doubles per retry up to max.
// The SDK numbers the first retry attempt 2; its own FullJitterBackoff
// would start at 4x base, which Config.BaseDelay's contract does not say.
type fullJitter struct{ base, max time.Duration }

// BackoffDelay implements retry.BackoffDelayer.
func (j fullJitter) BackoffDelay(attempt int, _ error) (time.Duration, error) {
	ceiling := j.base
	for i := 2; i < attempt && ceiling < j.max; i++ {
		ceiling *= 2
	}
	ceiling = min(ceiling, j.max)
	if ceiling <= 0 {
		return 0, nil
	}
	return rand.N(ceiling), nil
}
