package postpolicy

import "github.com/ossflow/ossflow/pkg/fault"

// OSS error codes Evaluate answers with.
const (
	CodeAccessDenied          = "AccessDenied"
	CodeEntityTooLarge        = "EntityTooLarge"
	CodeEntityTooSmall        = "EntityTooSmall"
	CodeInvalidPolicyDocument = "InvalidPolicyDocument"
	CodeSignatureDoesNotMatch = "SignatureDoesNotMatch"
	CodeInvalidAccessKeyID    = "InvalidAccessKeyId"
	CodeInvalidArgument       = "InvalidArgument"
)

// Error is a policy failure. Code is the OSS error code the server should
// answer with; Message is safe to show the uploader and never contains a
// secret, token or signature.
type Error struct {
	Code    string
	Message string
}

func newError(code, msg string) *Error { return &Error{Code: code, Message: msg} }

// Error returns "Code: Message".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// FaultKind maps the OSS code onto ossflow's error kinds.
func (e *Error) FaultKind() fault.Kind {
	switch e.Code {
	case CodeInvalidPolicyDocument, CodeInvalidArgument, CodeEntityTooSmall:
		return fault.Invalid
	case CodeEntityTooLarge:
		return fault.TooLarge
	case CodeAccessDenied, CodeSignatureDoesNotMatch, CodeInvalidAccessKeyID:
		return fault.Forbidden
	default:
		return fault.Internal
	}
}

// ErrAnonymous is what Evaluate returns, and only for a form that carries
// no signature fields at all; a server whose bucket is public-read-write
// may accept such a form (errors.Is(err, ErrAnonymous)).
var ErrAnonymous = &Error{Code: CodeAccessDenied, Message: "the form carries no policy signature"}
