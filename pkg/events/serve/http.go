package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/pkg/events"
)

// internalBody is all a caller learns about a panic: details stay in the log.
const internalBody = "internal error\n"

type httpHandler struct{ h http.Handler }

func (h httpHandler) raw() http.Handler { return recoverHTTP(h.h) }

// event serves one HTTP trigger event. Lambda payloads are API Gateway v2 /
// function URL events; everything else is an FC HTTP trigger event.
func (h httpHandler) event(ctx context.Context, payload []byte, p events.Platform) ([]byte, error) {
	parse, encode := events.FCHTTPRequest, events.FCHTTPResponse
	if p == events.PlatformLambda {
		parse, encode = events.LambdaHTTPRequest, events.LambdaHTTPResponse
	}
	req, err := parse(ctx, payload)
	if err != nil {
		// The gateway answers the client with what we return, so a payload we
		// cannot read becomes a 400 rather than an invocation error that
		// would surface as a 502.
		zerolog.Ctx(ctx).Error().Err(err).Msg("malformed HTTP trigger event: answered 400")
		return encode(http.StatusBadRequest, http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
			[]byte("bad request\n"))
	}
	rec := newRecorder()
	recoverHTTP(h.h).ServeHTTP(rec, req)
	out, err := encode(rec.status, rec.header, rec.body.Bytes())
	if err != nil {
		return nil, fmt.Errorf("encode HTTP response: %w", err)
	}
	return out, nil
}

// recoverHTTP turns a panic in h into a 500 with a generic body and one log
// line, as net/http would not: its recovery drops the connection, which on
// FC and Lambda would surface as a gateway error with no log context.
func recoverHTTP(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if errors.Is(asError(v), http.ErrAbortHandler) {
				panic(v) // the handler asked net/http to abort the connection
			}
			zerolog.Ctx(r.Context()).Error().Str("panic", fmt.Sprint(v)).Str("method", r.Method).
				Str("path", r.URL.Path).Str("stack", string(debug.Stack())).Msg("HTTP handler panicked: answered 500")
			if rec, ok := w.(*recorder); ok {
				rec.reset()
			} else if tw.wrote {
				// The status line is gone; aborting the connection at least
				// keeps the client from taking a truncated body for a success.
				panic(http.ErrAbortHandler)
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(internalBody))
		}()
		h.ServeHTTP(tw, r)
	})
}

func asError(v any) error {
	if err, ok := v.(error); ok {
		return err
	}
	return nil
}

// trackingWriter notes whether the response has started.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (t *trackingWriter) WriteHeader(code int) {
	t.wrote = true
	t.ResponseWriter.WriteHeader(code)
}

func (t *trackingWriter) Write(p []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach Flush and deadlines underneath.
func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
