package callerauth

import (
	"net/http"
	"strings"

	"github.com/ossflow/ossflow/pkg/fault"
)

// MaxTokenBytes bounds the token we are willing to parse; identity
// providers' access tokens are a few KB at most.
const MaxTokenBytes = 16 << 10

// BearerToken returns the token of the request's single
// "Authorization: Bearer <token>" header (RFC 6750 §2.1; the scheme is
// case-insensitive). No header gives ErrMissingToken, anything else that is
// not one well-formed bearer credential gives ErrMalformedHeader; both are
// fault.Unauthorized and neither message contains the header's value.
func BearerToken(r *http.Request) (string, error) {
	values := r.Header.Values("Authorization")
	switch len(values) {
	case 0:
		return "", fault.Wrap(fault.Unauthorized, "bearer token required", ErrMissingToken)
	case 1:
	default:
		return "", malformed("more than one Authorization header")
	}
	scheme, token, ok := strings.Cut(values[0], " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", malformed("authorization scheme must be Bearer")
	}
	token = strings.TrimLeft(token, " ")
	switch {
	case token == "":
		return "", malformed("empty bearer token")
	case len(token) > MaxTokenBytes:
		return "", malformed("bearer token too long")
	case !isToken68(token):
		return "", malformed("bearer token has characters outside RFC 6750 b64token")
	}
	return token, nil
}

func malformed(public string) error {
	return fault.Wrap(fault.Unauthorized, public, ErrMalformedHeader)
}

// isToken68 reports whether s matches RFC 6750's b64token:
// 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
func isToken68(s string) bool {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/') {
			break
		}
	}
	if i == 0 {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] != '=' {
			return false
		}
	}
	return true
}
