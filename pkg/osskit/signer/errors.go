package signer

import (
	"github.com/ossflow/ossflow/pkg/fault"
)

// OSS error codes a server answers with when a signature check fails.
const (
	CodeSignatureDoesNotMatch = "SignatureDoesNotMatch"
	CodeInvalidAccessKeyID    = "InvalidAccessKeyId"
	CodeAccessDenied          = "AccessDenied"
	CodeRequestTimeTooSkewed  = "RequestTimeTooSkewed"
	CodeInvalidArgument       = "InvalidArgument"
)

// Error is a signing or verification failure. Code is the OSS error code
// the server should answer with; Message is safe to return to the caller:
// it never contains a secret, a security token or a computed signature.
type Error struct {
	Code    string
	Message string
}

func newError(code, msg string) *Error { return &Error{Code: code, Message: msg} }

// Error returns "Code: Message".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// FaultKind maps the OSS code to ossflow's error kinds so edges that speak
// fault (HTTP functions) answer 400/403 without knowing OSS codes.
func (e *Error) FaultKind() fault.Kind {
	switch e.Code {
	case CodeInvalidArgument:
		return fault.Invalid
	case CodeAccessDenied, CodeSignatureDoesNotMatch, CodeInvalidAccessKeyID, CodeRequestTimeTooSkewed:
		return fault.Forbidden
	default:
		return fault.Internal
	}
}

// ErrAnonymous is returned by Verify, and only for a request that carries
// no signature at all, so a server can let anonymous reads through on
// public buckets with errors.Is(err, ErrAnonymous).
var ErrAnonymous = &Error{Code: CodeAccessDenied, Message: "anonymous access is not allowed; the request carries no signature"}
