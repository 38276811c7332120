package fault

import (
	"errors"
	"net/http"
)

type httpMapping struct {
	status  int
	message string
}

// httpTable is the one place a kind becomes an HTTP status and the message a
// caller sees when the error carries no public text of its own.
var httpTable = map[Kind]httpMapping{
	Internal:     {http.StatusInternalServerError, "internal error"},
	Invalid:      {http.StatusBadRequest, "invalid request"},
	Unauthorized: {http.StatusUnauthorized, "authentication required"},
	Forbidden:    {http.StatusForbidden, "forbidden"},
	NotFound:     {http.StatusNotFound, "not found"},
	TooLarge:     {http.StatusRequestEntityTooLarge, "request too large"},
	Conflict:     {http.StatusConflict, "conflict"},
	Unavailable:  {http.StatusServiceUnavailable, "service unavailable, try again"},
}

// HTTPStatus returns the status code for err's kind.
func HTTPStatus(err error) int { return httpTable[KindOf(err)].status }

// PublicMessage returns the text a caller may see for err: the public message
// of the outermost *Error that has one, else the kind's default. Internal
// errors always get the default, so a bug never leaks its details.
func PublicMessage(err error) string {
	k := KindOf(err)
	if k == Internal {
		return httpTable[Internal].message
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		if fe, ok := e.(*Error); ok && fe.Public != "" {
			return fe.Public
		}
	}
	return httpTable[k].message
}

// Disposition says what an event function does with a failed record.
type Disposition int

// Dispositions.
const (
	// Drop: the failure is permanent (bad input, missing object): log it and
	// report success so the platform does not retry in vain.
	Drop Disposition = iota
	// Retry: the failure may pass (a dependency was down, a bug was hit):
	// return the error so the platform's async retry policy runs.
	Retry
)

// DispositionOf maps err's kind to Drop or Retry.
func DispositionOf(err error) Disposition {
	switch KindOf(err) {
	case Unavailable, Internal:
		return Retry
	default:
		return Drop
	}
}
