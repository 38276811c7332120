package callerauth

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Environment variables read by LoadConfig.
const (
	EnvIssuer             = "OSSFLOW_AUTH_ISSUER"
	EnvAudiences          = "OSSFLOW_AUTH_AUDIENCES" // comma-separated
	EnvLeeway             = "OSSFLOW_AUTH_LEEWAY"    // Go duration, e.g. 60s
	EnvIdentityClaim      = "OSSFLOW_AUTH_IDENTITY_CLAIM"
	EnvJWKSURL            = "OSSFLOW_AUTH_JWKS_URL"
	EnvJWKSFile           = "OSSFLOW_AUTH_JWKS_FILE"
	EnvHS256Secret        = "OSSFLOW_AUTH_HS256_SECRET"
	EnvJWKSRefreshMinimum = "OSSFLOW_AUTH_JWKS_REFRESH_MIN"
	EnvJWKSMaxAge         = "OSSFLOW_AUTH_JWKS_MAX_AGE"
	EnvTokenCacheSize     = "OSSFLOW_AUTH_TOKEN_CACHE_SIZE"
	EnvTokenCacheTTL      = "OSSFLOW_AUTH_TOKEN_CACHE_TTL"
	EnvTokenCacheOff      = "OSSFLOW_AUTH_TOKEN_CACHE_OFF" // true/false
	EnvTrustFCJWT         = "OSSFLOW_AUTH_TRUST_FC_JWT"    // true/false
	EnvDevMode            = "OSSFLOW_AUTH_DEV_MODE"        // true/false
	EnvDevUsers           = "OSSFLOW_AUTH_DEV_USERS"       // token=subject,token=subject
)

// LoadConfig builds a Config from the environment (getenv is os.Getenv in
// main, a map in tests), applies defaults and validates it. The error joins
// every problem found, each naming its variable; secrets are never quoted.
func LoadConfig(getenv func(string) string) (Config, error) {
	var c Config
	var errs []error
	c.Issuer = getenv(EnvIssuer)
	c.Audiences = splitList(getenv(EnvAudiences))
	c.IdentityClaim = getenv(EnvIdentityClaim)
	c.JWKSURL = getenv(EnvJWKSURL)
	c.JWKSFile = getenv(EnvJWKSFile)
	if s := getenv(EnvHS256Secret); s != "" {
		c.HS256Secret = []byte(s)
	}
	durations := []struct {
		name string
		dst  *time.Duration
	}{{EnvLeeway, &c.Leeway}, {EnvJWKSRefreshMinimum, &c.JWKSRefreshMinimum}, {EnvJWKSMaxAge, &c.JWKSMaxAge},
		{EnvTokenCacheTTL, &c.TokenCacheTTL}}
	for _, d := range durations {
		if v := getenv(d.name); v != "" {
			dur, err := time.ParseDuration(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a duration", d.name, v))
				continue
			}
			*d.dst = dur
		}
	}
	bools := []struct {
		name string
		dst  *bool
	}{{EnvTrustFCJWT, &c.TrustFCJWT}, {EnvDevMode, &c.DevMode}, {EnvTokenCacheOff, &c.DisableTokenCache}}
	for _, b := range bools {
		if v := getenv(b.name); v != "" {
			on, err := strconv.ParseBool(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a boolean", b.name, v))
				continue
			}
			*b.dst = on
		}
	}
	if v := getenv(EnvTokenCacheSize); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not an integer", EnvTokenCacheSize, v))
		}
		c.TokenCacheSize = n
	}
	if v := getenv(EnvDevUsers); v != "" {
		c.DevUsers = map[string]string{}
		for i, pair := range splitList(v) {
			token, sub, ok := strings.Cut(pair, "=")
			if !ok || token == "" || sub == "" {
				// The pair holds a token: say where, never what.
				errs = append(errs, fmt.Errorf("%s: entry %d is not token=subject", EnvDevUsers, i))
				continue
			}
			c.DevUsers[token] = sub
		}
	}
	c = c.WithDefaults()
	if err := c.Validate(); err != nil {
		errs = append(errs, withEnvNames(err))
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, fmt.Errorf("caller auth config: %w", err)
	}
	return c, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
