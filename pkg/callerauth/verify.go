package callerauth

import (
	"context"
	"errors"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"github.com/ossflow/ossflow/pkg/fault"
)

// hmacAlgorithms is the only algorithm accepted with a shared secret, so a
// token claiming RS256/ES256 never reaches a key lookup in HS256 mode.
var hmacAlgorithms = []jose.SignatureAlgorithm{jose.HS256}

// fcAlgorithms are parsed (not verified) in TrustFCJWT mode; "none" is not
// among them and go-jose has no "none" at all.
var fcAlgorithms = []jose.SignatureAlgorithm{
	jose.RS256, jose.RS384, jose.RS512, jose.PS256, jose.PS384, jose.PS512,
	jose.ES256, jose.ES384, jose.ES512, jose.HS256, jose.HS384, jose.HS512,
}

// verify checks token's signature (unless FC already did) and its
// registered claims, returning all claims.
func (a *Authenticator) verify(ctx context.Context, token string, now time.Time) (map[string]any, error) {
	exp := jwt.Expected{Issuer: a.cfg.Issuer, AnyAudience: a.cfg.Audiences, Time: now}
	if a.cache != nil {
		if claims, ok := a.cache.get(token, now, exp, a.cfg.Leeway); ok {
			return claims, nil
		}
	}
	algs := jwksAlgorithms
	switch {
	case a.secret != nil:
		algs = hmacAlgorithms
	case a.cfg.TrustFCJWT:
		algs = fcAlgorithms
	}
	tok, err := jwt.ParseSigned(token, algs)
	if err != nil {
		return nil, invalid("token is malformed or its signing algorithm is not accepted", err)
	}
	var std jwt.Claims
	all := map[string]any{}
	switch {
	case a.cfg.TrustFCJWT:
		// FC's HTTP trigger verified the signature against the JWKS bound
		// to the trigger before invoking us; only the claims are read here.
		err = tok.UnsafeClaimsWithoutVerification(&std, &all)
	case a.secret != nil:
		err = tok.Claims(a.secret, &std, &all)
	default:
		err = a.verifyWithKeySet(ctx, tok, now, &std, &all)
		if fault.Is(err, fault.Unavailable) || errors.Is(err, ErrInvalidToken) {
			return nil, err
		}
	}
	switch {
	case errors.Is(err, jose.ErrCryptoFailure):
		return nil, invalid("token signature is invalid", err)
	case err != nil:
		return nil, invalid("token claims are malformed", err)
	}
	if std.Expiry == nil {
		return nil, invalid("token has no expiry", errors.New("exp claim missing"))
	}
	if err := std.ValidateWithLeeway(exp, a.cfg.Leeway); err != nil {
		return nil, invalid(claimMessage(err), err)
	}
	if a.cache != nil {
		a.cache.put(token, now, std, all)
	}
	return all, nil
}

// verifyWithKeySet picks the JWK for the token's kid and alg and verifies
// the signature with it, decoding the claims into dst.
func (a *Authenticator) verifyWithKeySet(ctx context.Context, tok *jwt.JSONWebToken, now time.Time, dst ...any) error {
	if len(tok.Headers) != 1 {
		return invalid("token must have exactly one signature", errors.New("multiple signatures"))
	}
	kid := tok.Headers[0].KeyID
	alg := jose.SignatureAlgorithm(tok.Headers[0].Algorithm)
	set := a.static
	if a.remote != nil {
		var err error
		if set, err = a.remote.keys(ctx, kid, now); err != nil {
			return fault.Wrap(fault.Unavailable, "identity provider keys are unavailable", err)
		}
	}
	keys := set.candidates(kid, alg)
	if len(keys) == 0 {
		return invalid("token is signed by an unknown key", errors.New("no JWK matches the token's kid and alg"))
	}
	var err error
	for _, k := range keys {
		if err = tok.Claims(k, dst...); err == nil || !errors.Is(err, jose.ErrCryptoFailure) {
			return err
		}
	}
	return err
}

func claimMessage(err error) string {
	switch {
	case errors.Is(err, jwt.ErrExpired):
		return "token has expired"
	case errors.Is(err, jwt.ErrNotValidYet):
		return "token is not valid yet"
	case errors.Is(err, jwt.ErrIssuedInTheFuture):
		return "token was issued in the future"
	case errors.Is(err, jwt.ErrInvalidIssuer):
		return "token issuer is not accepted"
	case errors.Is(err, jwt.ErrInvalidAudience):
		return "token audience is not accepted"
	}
	return "token claims are not accepted"
}
