package callerauth

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Environment variables read by LoadCORSConfig (lists are comma-separated).
const (
	EnvCORSOrigins     = "OSSFLOW_CORS_ORIGINS"
	EnvCORSMethods     = "OSSFLOW_CORS_METHODS"
	EnvCORSHeaders     = "OSSFLOW_CORS_HEADERS"
	EnvCORSExpose      = "OSSFLOW_CORS_EXPOSE_HEADERS"
	EnvCORSCredentials = "OSSFLOW_CORS_ALLOW_CREDENTIALS"
	EnvCORSMaxAge      = "OSSFLOW_CORS_MAX_AGE"
)

// CORSConfig lists what cross-origin callers may do.
type CORSConfig struct {
	// AllowedOrigins are exact origins ("https://app.example.com"); "*" is
	// refused because every ossflow endpoint is authenticated.
	AllowedOrigins []string
	// AllowedMethods default to GET, POST.
	AllowedMethods []string
	// AllowedHeaders default to Authorization, Content-Type.
	AllowedHeaders []string
	// ExposedHeaders are response headers scripts may read.
	ExposedHeaders []string
	// AllowCredentials sends Access-Control-Allow-Credentials: true.
	AllowCredentials bool
	// MaxAge is how long browsers cache a preflight (default 10 min, max 2 h,
	// Chromium's own cap).
	MaxAge time.Duration
}

// WithDefaults returns c with empty fields set to their defaults.
func (c CORSConfig) WithDefaults() CORSConfig {
	if len(c.AllowedMethods) == 0 {
		c.AllowedMethods = []string{"GET", "POST"}
	}
	if len(c.AllowedHeaders) == 0 {
		c.AllowedHeaders = []string{"Authorization", "Content-Type"}
	}
	if c.MaxAge == 0 {
		c.MaxAge = 10 * time.Minute
	}
	return c
}

// Validate reports every problem at once, joined, each naming the field.
func (c CORSConfig) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for i, o := range c.AllowedOrigins {
		if o == "*" {
			bad("AllowedOrigins[%d]: \"*\" is not allowed for authenticated endpoints; list origins", i)
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
			u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.Opaque != "" {
			bad("AllowedOrigins[%d]: %q is not an origin like https://app.example.com", i, o)
		}
	}
	for i, m := range c.AllowedMethods {
		if !isHTTPToken(m) {
			bad("AllowedMethods[%d]: %q is not a method", i, m)
		}
	}
	for i, h := range c.AllowedHeaders {
		if !isHTTPToken(h) {
			bad("AllowedHeaders[%d]: %q is not a header name", i, h)
		}
	}
	for i, h := range c.ExposedHeaders {
		if !isHTTPToken(h) {
			bad("ExposedHeaders[%d]: %q is not a header name", i, h)
		}
	}
	if c.MaxAge < 0 || c.MaxAge > 2*time.Hour {
		bad("MaxAge: %s out of range 0..2h", c.MaxAge)
	}
	return errors.Join(errs...)
}

// LoadCORSConfig reads a CORSConfig from the environment, applies defaults
// and validates it; the error joins every problem, naming the variable.
func LoadCORSConfig(getenv func(string) string) (CORSConfig, error) {
	var c CORSConfig
	var errs []error
	c.AllowedOrigins = splitList(getenv(EnvCORSOrigins))
	c.AllowedMethods = splitList(getenv(EnvCORSMethods))
	c.AllowedHeaders = splitList(getenv(EnvCORSHeaders))
	c.ExposedHeaders = splitList(getenv(EnvCORSExpose))
	if v := getenv(EnvCORSCredentials); v != "" {
		on, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not a boolean", EnvCORSCredentials, v))
		}
		c.AllowCredentials = on
	}
	if v := getenv(EnvCORSMaxAge); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not a duration", EnvCORSMaxAge, v))
		}
		c.MaxAge = d
	}
	c = c.WithDefaults()
	if err := c.Validate(); err != nil {
		errs = append(errs, withEnvNames(err))
	}
	if err := errors.Join(errs...); err != nil {
		return CORSConfig{}, fmt.Errorf("CORS config: %w", err)
	}
	return c, nil
}

// isHTTPToken reports whether s is an RFC 9110 token.
func isHTTPToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		if !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}
