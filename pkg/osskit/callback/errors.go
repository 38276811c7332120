package callback

import (
	"errors"
	"fmt"

	"github.com/ossflow/ossflow/pkg/fault"
)

// Reason is a stable, machine-readable code for why building or verifying a
// callback failed. It is safe to log and to compare.
type Reason string

// Reasons.
const (
	// ReasonInvalidCallback: a Callback (or a decoded callback parameter)
	// breaks an OSS rule: bad URL, unknown body variable, bad x: name, ...
	ReasonInvalidCallback Reason = "invalid_callback"
	// ReasonInvalidConfig: the Verifier's Config is unusable.
	ReasonInvalidConfig Reason = "invalid_config"
	// ReasonMissingHeader: authorization or x-oss-pub-key-url is absent.
	ReasonMissingHeader Reason = "missing_header"
	// ReasonMalformedHeader: a header is not valid base64 or is oversized.
	ReasonMalformedHeader Reason = "malformed_header"
	// ReasonKeyURLRejected: the public-key URL is not on an allowlisted
	// host, port and scheme (the SSRF guard).
	ReasonKeyURLRejected Reason = "key_url_rejected"
	// ReasonKeyFetch: the public key could not be fetched (network error,
	// timeout, non-200 status, redirect refused).
	ReasonKeyFetch Reason = "key_fetch_failed"
	// ReasonKeyTooLarge: the key response exceeds Config.MaxKeyBytes.
	ReasonKeyTooLarge Reason = "key_too_large"
	// ReasonKeyInvalid: the key response is not a usable RSA public key PEM.
	ReasonKeyInvalid Reason = "key_invalid"
	// ReasonBodyTooLarge: the callback body exceeds Config.MaxBodyBytes.
	ReasonBodyTooLarge Reason = "body_too_large"
	// ReasonBodyRead: the callback body could not be read.
	ReasonBodyRead Reason = "body_read_failed"
	// ReasonBadRequest: the request line cannot be turned into the signed string.
	ReasonBadRequest Reason = "bad_request"
	// ReasonBadSignature: the signature does not match the request.
	ReasonBadSignature Reason = "bad_signature"
)

// kinds maps each reason to the fault kind the edge turns into a status:
// forged or broken callbacks are Unauthorized, a key we cannot get is
// Unavailable (a later callback may succeed), bad builds are Invalid.
var kinds = map[Reason]fault.Kind{
	ReasonInvalidCallback: fault.Invalid,
	ReasonInvalidConfig:   fault.Internal,
	ReasonMissingHeader:   fault.Unauthorized,
	ReasonMalformedHeader: fault.Unauthorized,
	ReasonKeyURLRejected:  fault.Unauthorized,
	ReasonKeyFetch:        fault.Unavailable,
	ReasonKeyTooLarge:     fault.Unavailable,
	ReasonKeyInvalid:      fault.Unavailable,
	ReasonBodyTooLarge:    fault.TooLarge,
	ReasonBodyRead:        fault.Invalid,
	ReasonBadRequest:      fault.Unauthorized,
	ReasonBadSignature:    fault.Unauthorized,
}

// Error is every error this package returns. Detail says what failed in
// words an operator can act on; it never contains signatures, key material
// or header values beyond a truncated, quoted host or variable name.
type Error struct {
	Reason Reason
	Detail string
	// Err is the underlying cause (a network or parse error), if any.
	Err error
}

// Error returns "oss callback: <reason>: <detail>[: <cause>]".
func (e *Error) Error() string {
	msg := "oss callback: " + string(e.Reason)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// FaultKind classifies the error for pkg/fault (fault.KindOf uses it).
func (e *Error) FaultKind() fault.Kind {
	if k, ok := kinds[e.Reason]; ok {
		return k
	}
	return fault.Internal
}

// ReasonOf returns the Reason of the first *Error in err's chain, or "" when
// there is none.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

func newErr(r Reason, cause error, format string, args ...any) *Error {
	return &Error{Reason: r, Detail: fmt.Sprintf(format, args...), Err: cause}
}

// clip shortens attacker-supplied text before it goes into an error, so a
// huge header cannot bloat logs.
func clip(s string) string {
	const max = 64
	if len(s) > max {
		return s[:max] + "..."
	}
	return s
}
