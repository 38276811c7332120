package callback

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// DefaultKeyHost is where OSS publishes its callback public keys; the
// official verification samples accept key URLs only under
// http(s)://gosspublic.alicdn.com/
// (https://www.alibabacloud.com/help/en/oss/developer-reference/callback).
const DefaultKeyHost = "gosspublic.alicdn.com"

// Config tunes a Verifier. Start from DefaultConfig.
type Config struct {
	// KeyHosts are the host names a key URL may name, compared exactly
	// (case-insensitively). IP literals are never accepted.
	KeyHosts []string
	// UpgradeHTTP fetches http:// key URLs over https, so a network attacker
	// cannot swap the key; OSS usually sends an http:// URL.
	UpgradeHTTP bool
	// FetchTimeout bounds one key fetch, redirects included.
	FetchTimeout time.Duration
	// MaxKeyBytes caps the key response body.
	MaxKeyBytes int64
	// MinKeyBits is the smallest RSA key accepted. OSS's published
	// callback key (callback_pub_key_v1.pem) is 512 bits, so the default
	// is 512; raise it once OSS serves a larger key.
	MinKeyBits int
	// MaxBodyBytes caps the callback request body.
	MaxBodyBytes int64
	// CacheSize is the most key URLs kept; CacheTTL how long a key is kept.
	CacheSize int
	CacheTTL  time.Duration
}

// DefaultConfig returns the production settings: only gosspublic.alicdn.com,
// https upgrade on, a 5 s fetch timeout (OSS itself gives the whole callback
// 5 s), 16 KiB key responses, RSA keys from 512 bits, 64 KiB bodies, 16
// cached keys for an hour.
func DefaultConfig() Config {
	return Config{
		KeyHosts:     []string{DefaultKeyHost},
		UpgradeHTTP:  true,
		FetchTimeout: 5 * time.Second,
		MaxKeyBytes:  16 << 10,
		MinKeyBits:   minKeyBits,
		MaxBodyBytes: 64 << 10,
		CacheSize:    16,
		CacheTTL:     time.Hour,
	}
}

// Validate reports every unusable setting at once, as an *Error with
// ReasonInvalidConfig.
func (c Config) Validate() error {
	var errs []error
	if len(c.KeyHosts) == 0 {
		errs = append(errs, errors.New("KeyHosts is empty"))
	}
	for _, h := range c.KeyHosts {
		if h == "" || strings.ContainsAny(h, ":/@[]% ") || isIPLiteral(h) {
			errs = append(errs, errors.New("KeyHosts entry "+quote(h)+" is not a bare host name"))
		}
	}
	if c.FetchTimeout <= 0 {
		errs = append(errs, errors.New("FetchTimeout must be positive"))
	}
	if c.MaxKeyBytes <= 0 {
		errs = append(errs, errors.New("MaxKeyBytes must be positive"))
	}
	if c.MinKeyBits < minKeyBits || c.MinKeyBits > maxKeyBits {
		errs = append(errs, fmt.Errorf("MinKeyBits must be %d..%d", minKeyBits, maxKeyBits))
	}
	if c.MaxBodyBytes <= 0 {
		errs = append(errs, errors.New("MaxBodyBytes must be positive"))
	}
	if c.CacheSize <= 0 {
		errs = append(errs, errors.New("CacheSize must be positive"))
	}
	if c.CacheTTL <= 0 {
		errs = append(errs, errors.New("CacheTTL must be positive"))
	}
	if len(errs) > 0 {
		return newErr(ReasonInvalidConfig, errors.Join(errs...), "verifier config")
	}
	return nil
}

func quote(s string) string { return `"` + clip(s) + `"` }
