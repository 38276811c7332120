// Package fault is ossflow's error-kind vocabulary. An error gets its kind
// where the failure is understood (a parser knows input is Invalid, a store
// adapter knows an object is NotFound) and is mapped once at the edge: to an
// HTTP status and a public message for HTTP functions, to drop-or-retry for
// event functions. Callers never see an error's internal text.
package fault

import (
	"context"
	"errors"
	"fmt"
)

// Kind classifies a failure by what the caller can do about it.
type Kind int

// The kinds. The zero value is Internal, so an error nobody classified is
// treated as a bug: logged in full, shown to callers as a generic failure.
const (
	Internal     Kind = iota // a bug or an unexpected state; retried for events
	Invalid                  // the input is wrong; retrying cannot help
	Unauthorized             // the caller is not authenticated
	Forbidden                // the caller is authenticated but not allowed
	NotFound                 // the thing asked for does not exist
	TooLarge                 // the input is over a configured limit
	Conflict                 // the thing already exists or changed meanwhile
	Unavailable              // a dependency failed or timed out; retrying may help
)

var kindNames = [...]string{
	Internal:     "internal",
	Invalid:      "invalid",
	Unauthorized: "unauthorized",
	Forbidden:    "forbidden",
	NotFound:     "not_found",
	TooLarge:     "too_large",
	Conflict:     "conflict",
	Unavailable:  "unavailable",
}

// String returns the kind's stable snake_case name, used as the public error code.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// Error is an error with a kind and an optional message that is safe to show
// to the caller. The wrapped error's text stays internal.
type Error struct {
	Kind Kind
	// Public is shown to the caller; when empty the kind's default message is used.
	Public string
	Err    error
}

func (e *Error) Error() string {
	switch {
	case e.Err == nil:
		return e.Kind.String() + ": " + e.Public
	case e.Public == "":
		return e.Err.Error()
	default:
		return e.Public + ": " + e.Err.Error()
	}
}

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error of kind k whose message public is safe to show callers.
func New(k Kind, public string) error { return &Error{Kind: k, Public: public} }

// Newf is New with a format string; the formatted text is public.
func Newf(k Kind, format string, args ...any) error {
	return &Error{Kind: k, Public: fmt.Sprintf(format, args...)}
}

// Wrap gives err the kind k and a public message; err's own text stays
// internal. Wrap(k, "", nil) returns nil.
func Wrap(k Kind, public string, err error) error {
	if err == nil && public == "" {
		return nil
	}
	return &Error{Kind: k, Public: public, Err: err}
}

// KindOf returns the kind of the outermost classified error in err's chain.
// Context cancellation and deadline errors are Unavailable; any other
// unclassified error is Internal.
func KindOf(err error) Kind {
	if err == nil {
		return Internal
	}
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	var k interface{ FaultKind() Kind }
	if errors.As(err, &k) {
		return k.FaultKind()
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return Unavailable
	}
	return Internal
}

// Is reports whether err is classified as kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }
