package callerauth

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sort"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
)

// Identity is a verified caller.
type Identity struct {
	// Subject is the identity claim's value, verbatim.
	Subject string
	// Prefix is Subject as a safe object-key segment (see SafeSegment).
	Prefix string
	// Claims are all claims of the token (for demo users: just the subject
	// under the identity claim's name).
	Claims map[string]any
}

// Deps are the outside things an Authenticator uses; zero fields get the
// real ones.
type Deps struct {
	// HTTPClient fetches JWKSURL (default: a client with a 10 s timeout).
	HTTPClient *http.Client
	// LookupEnv is consulted only for DevMode (default os.LookupEnv).
	LookupEnv func(string) (string, bool)
	// Clock gives Authenticate its "now" (default time.Now).
	Clock func() time.Time
}

// Authenticator verifies callers. It is safe for concurrent use.
type Authenticator struct {
	cfg    Config
	secret []byte      // HS256 mode
	static *keySet     // JWKSFile mode
	remote *remoteKeys // JWKSURL mode
	dev    []devUser   // DevMode
	cache  *tokenCache // nil when DisableTokenCache
	clock  func() time.Time
}

// New applies cfg's defaults, validates it, reads JWKSFile if set, and
// checks that DevMode is allowed here. Errors: the joined Validate errors,
// a file or JWK set error, or one matching ErrDevModeRefused. It does not
// contact JWKSURL; the first request does.
func New(cfg Config, deps Deps) (*Authenticator, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("caller auth config: %w", err)
	}
	if deps.LookupEnv == nil {
		deps.LookupEnv = os.LookupEnv
	}
	if deps.Clock == nil {
		deps.Clock = time.Now
	}
	if deps.HTTPClient == nil {
		deps.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	a := &Authenticator{cfg: cfg, clock: deps.Clock}
	if !cfg.DisableTokenCache {
		a.cache = newTokenCache(cfg.TokenCacheSize, cfg.TokenCacheTTL)
	}
	switch {
	case len(cfg.HS256Secret) > 0:
		a.secret = append([]byte(nil), cfg.HS256Secret...)
	case cfg.JWKSFile != "":
		data, err := os.ReadFile(cfg.JWKSFile)
		if err != nil {
			return nil, fmt.Errorf("read JWKS file: %w", err)
		}
		if a.static, err = parseKeySet(data); err != nil {
			return nil, fmt.Errorf("JWKS file %s: %w", cfg.JWKSFile, err)
		}
	case cfg.JWKSURL != "":
		a.remote = &remoteKeys{url: cfg.JWKSURL, client: deps.HTTPClient,
			minGap: cfg.JWKSRefreshMinimum, maxAge: cfg.JWKSMaxAge}
	}
	if cfg.DevMode {
		if err := checkDevMode(deps.LookupEnv); err != nil {
			return nil, err
		}
		tokens := make([]string, 0, len(cfg.DevUsers))
		for t := range cfg.DevUsers {
			tokens = append(tokens, t)
		}
		sort.Strings(tokens)
		for _, t := range tokens {
			a.dev = append(a.dev, devUser{token: []byte(t), subject: cfg.DevUsers[t]})
		}
	}
	return a, nil
}

// Authenticate is AuthenticateAt with the Authenticator's clock.
func (a *Authenticator) Authenticate(r *http.Request) (Identity, error) {
	return a.AuthenticateAt(r, a.clock())
}

// AuthenticateAt identifies the caller of r from its bearer token, judging
// exp and nbf at now. Errors are fault.Unauthorized (matching
// ErrMissingToken, ErrMalformedHeader or ErrInvalidToken),
// fault.Forbidden (ErrUnusableIdentity) for a valid token whose identity
// cannot be a key segment, or fault.Unavailable when the JWK set cannot be
// fetched at all. No error text contains the token.
func (a *Authenticator) AuthenticateAt(r *http.Request, now time.Time) (Identity, error) {
	token, err := BearerToken(r)
	if err != nil {
		return Identity{}, err
	}
	return a.AuthenticateToken(r.Context(), token, now)
}

// AuthenticateToken is AuthenticateAt for a token already taken from a
// request; it has the same error contract.
func (a *Authenticator) AuthenticateToken(ctx context.Context, token string, now time.Time) (Identity, error) {
	if a.dev != nil {
		if sub, ok := lookupDev(a.dev, token); ok {
			return identity(sub, map[string]any{a.cfg.IdentityClaim: sub})
		}
		if a.secret == nil && a.static == nil && a.remote == nil && !a.cfg.TrustFCJWT {
			return Identity{}, invalid("unknown demo token", fmt.Errorf("no demo user matches"))
		}
	}
	claims, err := a.verify(ctx, token, now)
	if err != nil {
		return Identity{}, err
	}
	sub, ok := claims[a.cfg.IdentityClaim].(string)
	if !ok || sub == "" {
		return Identity{}, invalid("token has no identity claim",
			fmt.Errorf("claim %q missing or not a non-empty string", a.cfg.IdentityClaim))
	}
	return identity(sub, claims)
}

func identity(sub string, claims map[string]any) (Identity, error) {
	prefix, err := SafeSegment(sub)
	if err != nil {
		return Identity{}, fault.Wrap(fault.Forbidden, "identity cannot be used as a storage prefix",
			fmt.Errorf("%w: %w", ErrUnusableIdentity, err))
	}
	return Identity{Subject: sub, Prefix: prefix, Claims: claims}, nil
}
