// Package serve is the one call a function's main.go makes: Start runs the
// function's setup once at cold start, then serves its Handler on whichever
// platform the environment names — the FC runtime API (built-in go1
// runtime), AWS Lambda, the FC custom-runtime HTTP protocol, or a local
// development server. Every invocation's context carries an
// events.Invocation and a zerolog logger with requestId and function fields.
//
// Errors are mapped here, once: HTTP handlers write their own responses and
// serve only turns a panic into a 500; event handlers' errors become drop or
// retry by their fault kind (fault.DispositionOf).
package serve

import (
	"context"
	"net/http"

	"github.com/ossflow/ossflow/pkg/events"
)

// Handler is what a function serves: build one with HTTP, Objects or Ticks.
type Handler interface {
	// event handles one platform event payload and returns the bytes the
	// platform expects back. A *events.ParseError means the payload itself
	// is unusable; the caller decides what that means on its platform.
	event(ctx context.Context, payload []byte, p events.Platform) ([]byte, error)
	// raw returns the http.Handler to serve plain HTTP with, or nil when the
	// handler only understands events.
	raw() http.Handler
}

// HTTP serves h. On FC and Lambda each HTTP trigger event becomes an
// *http.Request and the recorded response goes back as the platform's JSON;
// in the custom runtime and locally h serves real HTTP. A panic in h becomes
// a 500 with a generic body and one log line; the process keeps serving.
func HTTP(h http.Handler) Handler { return httpHandler{h: h} }

// Objects serves object-store notifications (FC OSS or S3, detected from the
// payload), calling h once per record, each record independently.
//
// A record whose error has fault.DispositionOf == fault.Drop (bad input, a
// missing object) is logged and skipped. If any record's error is Retry
// (fault.Unavailable, fault.Internal, a panic, a cancelled context), the
// invocation fails once all records have been tried, so the platform's async
// retry policy re-delivers the whole event — including the records that
// succeeded. h must therefore be idempotent: handling the same record twice
// must leave the same result as handling it once.
//
// A payload that does not parse is logged and reported as success: it will
// never parse, so a retry would only burn the retry budget and delay the
// alert that the log line raises.
func Objects(h func(ctx context.Context, ev events.ObjectEvent) error) Handler {
	return objectsHandler{h: h}
}

// Ticks serves timer firings (FC timer triggers or EventBridge scheduled
// events). An error whose disposition is Retry fails the invocation so the
// platform retries; a Drop error is logged and reported as success. Like
// Objects, a malformed payload is logged and reported as success.
func Ticks(h func(ctx context.Context, t events.Tick) error) Handler {
	return ticksHandler{h: h}
}
