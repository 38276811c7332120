// Package logging builds ossflow's loggers: zerolog JSON lines with
// millisecond UTC timestamps, the function name on every line, and a
// redacting writer underneath so secrets, tokens and signatures never reach
// the log, whoever logs them.
package logging

import (
	"context"
	"io"
	"sync"
	"time"

	"github.com/rs/zerolog"
)

// TimeFormat is the timestamp layout of every log line: RFC 3339, UTC, milliseconds.
const TimeFormat = "2006-01-02T15:04:05.000Z07:00"

var setGlobals sync.Once

// New returns a logger writing JSON lines to w through a Redactor, with the
// fields time, level, function and message. It also sets zerolog's global
// time format and clock to TimeFormat and UTC, once per process, because
// zerolog keeps those settings global.
func New(w io.Writer, function string) zerolog.Logger {
	return NewWithRedactor(NewRedactor(w), function)
}

// NewWithRedactor is New for a caller that keeps the Redactor to register
// secrets learned later (AddSecret).
func NewWithRedactor(r *Redactor, function string) zerolog.Logger {
	setGlobals.Do(func() {
		zerolog.TimeFieldFormat = TimeFormat
		zerolog.TimestampFunc = func() time.Time { return time.Now().UTC() }
		zerolog.DurationFieldUnit = time.Millisecond
		zerolog.DurationFieldInteger = false
	})
	return zerolog.New(r).With().Timestamp().Str("function", function).Logger()
}

// ForRequest returns a copy of l carrying the request id, and ctx with that
// logger attached, so downstream code logs with zerolog.Ctx(ctx).
func ForRequest(ctx context.Context, l zerolog.Logger, requestID string) (context.Context, zerolog.Logger) {
	rl := l.With().Str("requestId", requestID).Logger()
	return rl.WithContext(ctx), rl
}
