package osskit

import (
	"errors"
	"strings"

	"github.com/ossflow/ossflow/pkg/fault"
)

// The error kinds every Store implementation reports. Match them with
// errors.Is; the concrete error is an *Error carrying the details.
var (
	// ErrNotFound: the bucket, object or configuration does not exist
	// (OSS NoSuchKey, NoSuchBucket, NoSuchLifecycle, HTTP 404).
	ErrNotFound = errors.New("not found")
	// ErrAlreadyExists: a write that forbids overwriting found an object in
	// place (OSS FileAlreadyExists). It also matches ErrPreconditionFailed.
	ErrAlreadyExists = errors.New("already exists")
	// ErrPreconditionFailed: a conditional request's condition did not hold
	// (OSS PreconditionFailed, HTTP 412).
	ErrPreconditionFailed = errors.New("precondition failed")
	// ErrAccessDenied: the credentials were refused or lack permission
	// (OSS AccessDenied, SignatureDoesNotMatch, InvalidAccessKeyId,
	// SecurityTokenExpired, HTTP 401/403).
	ErrAccessDenied = errors.New("access denied")
	// ErrInvalidArgument: the request itself is wrong (bad name, bad range,
	// OSS InvalidArgument, HTTP 400); retrying cannot help.
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrTooLarge: the object or body is over a limit, ours (a Get size cap)
	// or the store's (OSS EntityTooLarge).
	ErrTooLarge = errors.New("too large")
	// ErrThrottled: the store asked us to slow down (HTTP 429, OSS
	// Throttling / QPS limit); retrying later may help.
	ErrThrottled = errors.New("throttled")
	// ErrUnavailable: the store failed or did not answer in time (HTTP 5xx,
	// timeouts, refused connections); retrying may help.
	ErrUnavailable = errors.New("unavailable")
)

// faultKinds maps each sentinel to the fault kind the edge acts on.
// AccessDenied becomes Forbidden: the caller (our function) is
// authenticated but not allowed.
var faultKinds = map[error]fault.Kind{
	ErrNotFound:           fault.NotFound,
	ErrAlreadyExists:      fault.Conflict,
	ErrPreconditionFailed: fault.Conflict,
	ErrAccessDenied:       fault.Forbidden,
	ErrInvalidArgument:    fault.Invalid,
	ErrTooLarge:           fault.TooLarge,
	ErrThrottled:          fault.Unavailable,
	ErrUnavailable:        fault.Unavailable,
}

// Error is a failed object-store operation. Its text names the operation,
// bucket, key, OSS error code and request id; it never contains credentials,
// security tokens or signatures, because adapters put only the status and
// the service's message in Err.
type Error struct {
	// Kind is one of the Err* sentinels, or nil when the failure is not
	// understood (then FaultKind is fault.Internal).
	Kind error
	// Code is the OSS error code, e.g. "NoSuchKey"; empty for client-side errors.
	Code string
	// Op is the operation, e.g. "GetObject".
	Op     string
	Bucket string
	Key    string
	// RequestID is the OSS request id (x-oss-request-id), for support tickets.
	RequestID string
	// Err is the underlying cause.
	Err error
}

// Error formats "Op bucket/key: kind (Code): cause [request id]".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Bucket != "" {
		b.WriteString(" " + e.Bucket)
		if e.Key != "" {
			b.WriteString("/" + e.Key)
		}
	}
	b.WriteString(": ")
	switch {
	case e.Kind != nil:
		b.WriteString(e.Kind.Error())
	default:
		b.WriteString("failed")
	}
	if e.Code != "" {
		b.WriteString(" (" + e.Code + ")")
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	if e.RequestID != "" {
		b.WriteString(" [request " + e.RequestID + "]")
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is e's kind. An ErrAlreadyExists error is also an
// ErrPreconditionFailed: forbidding an overwrite is a precondition.
func (e *Error) Is(target error) bool {
	if e.Kind == nil {
		return false
	}
	return target == e.Kind || (e.Kind == ErrAlreadyExists && target == ErrPreconditionFailed)
}

// FaultKind classifies e for pkg/fault: NotFound, Conflict, Forbidden,
// Invalid, TooLarge, Unavailable, or Internal when the kind is unknown.
func (e *Error) FaultKind() fault.Kind {
	if k, ok := faultKinds[e.Kind]; ok {
		return k
	}
	return fault.Internal
}

// Retryable reports whether err is an object-store failure that may pass on
// its own (ErrThrottled or ErrUnavailable).
func Retryable(err error) bool {
	return errors.Is(err, ErrThrottled) || errors.Is(err, ErrUnavailable)
}
