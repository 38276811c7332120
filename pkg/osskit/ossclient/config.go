package ossclient

import (
	"errors"
	"fmt"
	"time"
)

// Config says where and how the client talks to OSS. The zero values of
// the optional fields get the defaults in DefaultConfig.
type Config struct {
	// Endpoint is the OSS endpoint, e.g. "oss-cn-hangzhou-internal.aliyuncs.com",
	// or a full URL such as "http://127.0.0.1:9000" for the local emulator.
	// Empty means the public endpoint of Region.
	Endpoint string
	// Region is the OSS region id without the "oss-" prefix, e.g. "cn-hangzhou".
	// Required: V4 signatures are scoped to it.
	Region string
	// UsePathStyle addresses buckets as endpoint/bucket/key instead of
	// bucket.endpoint/key; the emulator needs it.
	UsePathStyle bool
	// DisableSSL makes an Endpoint without a scheme use http://.
	DisableSSL bool
	// InsecureSkipVerify turns off TLS certificate checks. Tests only.
	InsecureSkipVerify bool
	// ConnectTimeout bounds establishing a connection.
	ConnectTimeout time.Duration
	// ReadWriteTimeout bounds each read or write on a connection, so a
	// stalled server fails the attempt instead of hanging the function.
	ReadWriteTimeout time.Duration
	// MaxAttempts is the total tries for a transient failure (1 = no retry).
	MaxAttempts int
	// BaseDelay is the first retry's backoff ceiling; it doubles per
	// attempt up to MaxBackoff, with full jitter.
	BaseDelay  time.Duration
	MaxBackoff time.Duration
	// Credentials are read again for every request; nil means
	// InvocationCredentials (the invocation's role keys, else the environment).
	Credentials CredentialsProvider
}

// DefaultConfig returns the defaults: 5 s connect, 30 s read/write, 3
// attempts, 200 ms base delay capped at 5 s (FC functions are short; a
// 20 s SDK-default backoff would outlast many invocations).
func DefaultConfig() Config {
	return Config{
		ConnectTimeout:   5 * time.Second,
		ReadWriteTimeout: 30 * time.Second,
		MaxAttempts:      3,
		BaseDelay:        200 * time.Millisecond,
		MaxBackoff:       5 * time.Second,
	}
}

// withDefaults fills unset optional fields from DefaultConfig.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.ConnectTimeout == 0 {
		c.ConnectTimeout = d.ConnectTimeout
	}
	if c.ReadWriteTimeout == 0 {
		c.ReadWriteTimeout = d.ReadWriteTimeout
	}
	if c.MaxAttempts == 0 {
		c.MaxAttempts = d.MaxAttempts
	}
	if c.BaseDelay == 0 {
		c.BaseDelay = d.BaseDelay
	}
	if c.MaxBackoff == 0 {
		c.MaxBackoff = d.MaxBackoff
	}
	if c.Credentials == nil {
		c.Credentials = InvocationCredentials{}
	}
	return c
}

// Validate reports every problem with c at once (errors.Join), each naming
// the field.
func (c Config) Validate() error {
	var errs []error
	if c.Region == "" {
		errs = append(errs, errors.New("ossclient: Region is required (V4 signing is scoped to a region)"))
	}
	for name, d := range map[string]time.Duration{"ConnectTimeout": c.ConnectTimeout,
		"ReadWriteTimeout": c.ReadWriteTimeout, "BaseDelay": c.BaseDelay, "MaxBackoff": c.MaxBackoff} {
		if d < 0 {
			errs = append(errs, fmt.Errorf("ossclient: %s = %v; want >= 0", name, d))
		}
	}
	if c.MaxAttempts < 0 || c.MaxAttempts > 10 {
		errs = append(errs, fmt.Errorf("ossclient: MaxAttempts = %d; want 1..10 (0 for the default)", c.MaxAttempts))
	}
	if c.MaxBackoff > 0 && c.BaseDelay > c.MaxBackoff {
		errs = append(errs, fmt.Errorf("ossclient: BaseDelay %v exceeds MaxBackoff %v", c.BaseDelay, c.MaxBackoff))
	}
	return errors.Join(errs...)
}
