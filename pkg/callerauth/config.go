package callerauth

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"
)

// Defaults and bounds of Config. The leeway bound keeps a misconfiguration
// from turning "small clock skew" into "expired tokens keep working".
const (
	DefaultLeeway             = 60 * time.Second
	MaxLeeway                 = 5 * time.Minute
	DefaultIdentityClaim      = "sub"
	DefaultJWKSRefreshMinimum = 60 * time.Second
	DefaultJWKSMaxAge         = time.Hour
	DefaultTokenCacheSize     = 4096
	DefaultTokenCacheTTL      = 5 * time.Minute
	// MinHS256SecretBytes is the shortest HS256 secret accepted: RFC 7518
	// §3.2 requires a key at least as long as the hash output (256 bits).
	MinHS256SecretBytes = 32
)

// Config says how callers are authenticated. Exactly one key source
// (JWKSURL, JWKSFile, HS256Secret) is set, unless TrustFCJWT is set (then
// none is) or DevMode alone is used in the local cloud.
type Config struct {
	// Issuer is the exact "iss" every token must carry.
	Issuer string
	// Audiences lists accepted "aud" values; a token must name at least one.
	Audiences []string
	// Leeway is the clock skew allowed on exp and nbf (default 60 s, max 5 min).
	Leeway time.Duration
	// IdentityClaim names the claim that identifies the caller (default "sub").
	IdentityClaim string

	// JWKSURL is an HTTPS URL serving a JWK set (RS256/ES256 keys). Plain
	// HTTP is accepted only for loopback hosts, where the local cloud runs.
	JWKSURL string
	// JWKSFile is a path to a JWK set read once at start.
	JWKSFile string
	// HS256Secret is a shared secret of at least 32 bytes.
	HS256Secret []byte

	// JWKSRefreshMinimum is the least time between two fetches of JWKSURL:
	// a token with an unknown kid triggers at most one fetch per interval,
	// so garbage tokens cannot hammer the identity provider (default 60 s).
	JWKSRefreshMinimum time.Duration
	// JWKSMaxAge is how long a fetched set is used before it is fetched
	// again on the next request (default 1 h).
	JWKSMaxAge time.Duration

	// TokenCacheSize bounds how many verified tokens are remembered
	// (default 4096); a repeated token then skips signature verification.
	TokenCacheSize int
	// TokenCacheTTL is how long a verified token is remembered (default
	// 5 min, max 1 h). exp and nbf are still checked on every request.
	TokenCacheTTL time.Duration
	// DisableTokenCache verifies every token's signature every time.
	DisableTokenCache bool

	// TrustFCJWT reads the caller from a token that Function Compute's
	// HTTP-trigger JWT authentication has already verified, without checking
	// its signature again. Safe only when every trigger and custom domain
	// that reaches the function has authType jwt with no path whitelist.
	TrustFCJWT bool

	// DevMode accepts the static DevUsers tokens. It is for the local cloud
	// only: New refuses it unless OSSFLOW_LOCAL=1 is set and no FC runtime
	// variable is present.
	DevMode bool
	// DevUsers maps a demo bearer token to the subject it stands for.
	DevUsers map[string]string
}

// WithDefaults returns c with zero fields set to their defaults.
func (c Config) WithDefaults() Config {
	if c.Leeway == 0 {
		c.Leeway = DefaultLeeway
	}
	if c.IdentityClaim == "" {
		c.IdentityClaim = DefaultIdentityClaim
	}
	if c.JWKSRefreshMinimum == 0 {
		c.JWKSRefreshMinimum = DefaultJWKSRefreshMinimum
	}
	if c.JWKSMaxAge == 0 {
		c.JWKSMaxAge = DefaultJWKSMaxAge
	}
	if c.TokenCacheSize == 0 {
		c.TokenCacheSize = DefaultTokenCacheSize
	}
	if c.TokenCacheTTL == 0 {
		c.TokenCacheTTL = DefaultTokenCacheTTL
	}
	return c
}

// Validate reports every problem with c at once, joined, each naming the
// field. It does not read files, the network or the environment.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	sources := 0
	for _, set := range []bool{c.JWKSURL != "", c.JWKSFile != "", len(c.HS256Secret) > 0} {
		if set {
			sources++
		}
	}
	switch {
	case c.TrustFCJWT && sources > 0:
		bad("TrustFCJWT: no key source may be set with it (FC verifies the token)")
	case sources > 1:
		bad("key source: set exactly one of JWKSURL, JWKSFile, HS256Secret")
	case sources == 0 && !c.TrustFCJWT && !c.DevMode:
		bad("key source: set one of JWKSURL, JWKSFile, HS256Secret (or TrustFCJWT)")
	}
	if sources > 0 || c.TrustFCJWT {
		if c.Issuer == "" {
			bad("Issuer: required")
		}
		if len(c.Audiences) == 0 {
			bad("Audiences: at least one required")
		}
		for i, a := range c.Audiences {
			if a == "" {
				bad("Audiences[%d]: empty", i)
			}
		}
	}
	if c.Leeway < 0 || c.Leeway > MaxLeeway {
		bad("Leeway: %s out of range 0..%s", c.Leeway, MaxLeeway)
	}
	if c.IdentityClaim == "" {
		bad("IdentityClaim: required")
	}
	if c.JWKSURL != "" {
		if err := checkJWKSURL(c.JWKSURL); err != nil {
			bad("JWKSURL: %v", err)
		}
	}
	if n := len(c.HS256Secret); n > 0 && n < MinHS256SecretBytes {
		bad("HS256Secret: %d bytes; want at least %d", n, MinHS256SecretBytes)
	}
	if c.JWKSRefreshMinimum < time.Second || c.JWKSRefreshMinimum > time.Hour {
		bad("JWKSRefreshMinimum: %s out of range 1s..1h", c.JWKSRefreshMinimum)
	}
	if c.JWKSMaxAge < c.JWKSRefreshMinimum {
		bad("JWKSMaxAge: %s shorter than JWKSRefreshMinimum %s", c.JWKSMaxAge, c.JWKSRefreshMinimum)
	}
	if !c.DisableTokenCache {
		if c.TokenCacheSize < 1 || c.TokenCacheSize > 1<<20 {
			bad("TokenCacheSize: %d out of range 1..%d", c.TokenCacheSize, 1<<20)
		}
		if c.TokenCacheTTL < time.Second || c.TokenCacheTTL > time.Hour {
			bad("TokenCacheTTL: %s out of range 1s..1h", c.TokenCacheTTL)
		}
	}
	if c.DevMode && len(c.DevUsers) == 0 {
		bad("DevUsers: DevMode needs at least one demo user")
	}
	if !c.DevMode && len(c.DevUsers) > 0 {
		bad("DevUsers: set but DevMode is off")
	}
	for token, sub := range c.DevUsers {
		if token == "" {
			bad("DevUsers: empty token")
		}
		if _, err := SafeSegment(sub); err != nil {
			bad("DevUsers: subject %q: %v", sub, err)
		}
	}
	return errors.Join(errs...)
}

// checkJWKSURL requires HTTPS, except on loopback where no network is crossed.
func checkJWKSURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("not a URL")
	}
	if u.Host == "" {
		return errors.New("no host")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
			return nil
		}
		return errors.New("must be https (http only for loopback hosts)")
	default:
		return fmt.Errorf("scheme %q; want https", u.Scheme)
	}
}
