package events

import (
	"errors"
	"fmt"

	"github.com/ossflow/ossflow/pkg/fault"
)

// ErrMalformed matches (with errors.Is) every error a parser in this package
// returns for a payload that is not what the platform documents.
var ErrMalformed = errors.New("malformed event")

// MaxPayload is the largest payload any parser accepts: FC's synchronous
// invocation limit (32 MB). Larger input is refused before it is decoded.
const MaxPayload = 32 << 20

// ParseError says which payload format failed to parse, where, and why.
type ParseError struct {
	// Format is the payload format being parsed, e.g. "fc-oss" or "s3".
	Format string
	// Field is the JSON path of the offending field, e.g. "events[0].oss.bucket.name";
	// empty when the payload as a whole is unusable.
	Field string
	// Reason says what is wrong, in words a caller can act on.
	Reason string
}

func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s event: %s", e.Format, e.Reason)
	}
	return fmt.Sprintf("%s event: %s: %s", e.Format, e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrMalformed) true for every *ParseError.
func (e *ParseError) Is(target error) bool { return target == ErrMalformed }

// FaultKind classifies every parse failure as invalid input: a malformed
// payload never gets better by retrying.
func (e *ParseError) FaultKind() fault.Kind { return fault.Invalid }

func malformed(format, field, reason string, args ...any) error {
	return &ParseError{Format: format, Field: field, Reason: fmt.Sprintf(reason, args...)}
}
