package ossclient

import (
	"time"

	"github.com/ossflow/ossflow/pkg/envconfig"
)

// The environment variables LoadConfig reads. FC_REGION is set by Function
// Compute itself, so a deployed function needs none of them.
const (
	EnvEndpoint    = "OSS_ENDPOINT"
	EnvRegion      = "OSS_REGION"
	EnvFCRegion    = "FC_REGION"
	EnvPathStyle   = "OSS_PATH_STYLE"
	EnvDisableSSL  = "OSS_DISABLE_SSL"
	EnvConnect     = "OSS_CONNECT_TIMEOUT"
	EnvReadWrite   = "OSS_READ_WRITE_TIMEOUT"
	EnvMaxAttempts = "OSS_MAX_ATTEMPTS"
	EnvBaseDelay   = "OSS_RETRY_BASE_DELAY"
	EnvMaxBackoff  = "OSS_RETRY_MAX_BACKOFF"
)

// LoadConfig reads the client config from l, starting from DefaultConfig.
// Problems are recorded in l (l.Err reports them all, each naming its
// variable); a missing region is one of them. Credentials are not read
// here: the default provider takes them per request.
func LoadConfig(l *envconfig.Loader) Config {
	d := DefaultConfig()
	c := Config{
		Endpoint:         l.String(EnvEndpoint, ""),
		Region:           l.String(EnvRegion, l.String(EnvFCRegion, "")),
		UsePathStyle:     l.Bool(EnvPathStyle, false),
		DisableSSL:       l.Bool(EnvDisableSSL, false),
		ConnectTimeout:   l.Duration(EnvConnect, d.ConnectTimeout, 100*time.Millisecond, time.Minute),
		ReadWriteTimeout: l.Duration(EnvReadWrite, d.ReadWriteTimeout, 100*time.Millisecond, 10*time.Minute),
		MaxAttempts:      l.Int(EnvMaxAttempts, d.MaxAttempts, 1, 10),
		BaseDelay:        l.Duration(EnvBaseDelay, d.BaseDelay, time.Millisecond, time.Minute),
		MaxBackoff:       l.Duration(EnvMaxBackoff, d.MaxBackoff, time.Millisecond, 5*time.Minute),
	}
	if c.Region == "" {
		l.Fail(EnvRegion, "required (or %s, which Function Compute sets)", EnvFCRegion)
	}
	if c.BaseDelay > c.MaxBackoff {
		l.Fail(EnvBaseDelay, "%v exceeds %s %v", c.BaseDelay, EnvMaxBackoff, c.MaxBackoff)
	}
	return c
}
