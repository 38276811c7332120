package callerauth

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ossflow/ossflow/pkg/fault"
)

// Sentinels matched with errors.Is on errors returned by Authenticate. The
// returned errors also carry a pkg/fault kind and a public message; neither
// the message nor the error text ever contains the token.
var (
	// ErrMissingToken: the request has no Authorization header.
	ErrMissingToken = errors.New("no bearer token")
	// ErrMalformedHeader: the Authorization header is not "Bearer <token>".
	ErrMalformedHeader = errors.New("malformed authorization header")
	// ErrInvalidToken: the token was present but failed verification.
	ErrInvalidToken = errors.New("invalid token")
	// ErrUnusableIdentity: the token is valid but its identity claim cannot
	// be turned into a key segment (kind Forbidden).
	ErrUnusableIdentity = errors.New("unusable identity")
)

// invalid returns an Unauthorized error for a rejected token: public is
// what the caller sees, detail (never the token) stays in logs.
func invalid(public string, detail error) error {
	return fault.Wrap(fault.Unauthorized, public, fmt.Errorf("%w: %s: %w", ErrInvalidToken, public, detail))
}

// Challenge returns the WWW-Authenticate value for a 401 caused by err, per
// RFC 6750 §3: no error code when the request carried no token (§3.1),
// invalid_request for a malformed header, invalid_token otherwise. The
// description is err's public message, reduced to the characters §3
// allows, so it can never break the header or echo a token.
func Challenge(realm string, err error) string {
	var b strings.Builder
	b.WriteString("Bearer")
	sep := " "
	if realm != "" {
		fmt.Fprintf(&b, `%srealm="%s"`, sep, quoteSafe(realm))
		sep = ", "
	}
	if err == nil || errors.Is(err, ErrMissingToken) {
		return b.String()
	}
	code := "invalid_token"
	if errors.Is(err, ErrMalformedHeader) {
		code = "invalid_request"
	}
	fmt.Fprintf(&b, `%serror="%s", error_description="%s"`, sep, code, quoteSafe(fault.PublicMessage(err)))
	return b.String()
}

// quoteSafe keeps only %x20-21 / %x23-5B / %x5D-7E (RFC 6750 §3, the
// error_description grammar): no quotes, backslashes or control bytes.
func quoteSafe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' {
			b.WriteByte(c)
		}
	}
	return b.String()
}
