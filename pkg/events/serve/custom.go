package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/pkg/events"
)

// customRuntime serves the FC custom-runtime HTTP protocol: event
// invocations arrive as POST /invoke with x-fc-* headers and the event as
// the body, lifecycle hooks as POST /initialize and GET /pre-stop. Success
// and failure are told to FC by the status code and the x-fc-status header
// (200 or 404). For an HTTP handler, FC proxies the client's request as it
// is (x-fc-control-path: /http-invoke), so every other request, and any
// request marked as an HTTP invocation, goes to the handler; an HTTP
// function must therefore not route /invoke, /initialize or /pre-stop
// itself.
func (s *server) customRuntime() http.Handler {
	raw := s.h.raw()
	var proxied http.Handler
	if raw != nil {
		h := s.withInvocation(raw, func(r *http.Request) events.Invocation {
			return fromFCHeaders(r.Header, time.Now(), s.getenv)
		})
		proxied = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := r.Header.Get("x-fc-request-id")
			fmt.Fprintf(os.Stdout, "FC Invoke Start RequestId: %s\n", id)
			defer fmt.Fprintf(os.Stdout, "FC Invoke End RequestId: %s\n", id)
			h.ServeHTTP(w, r)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if proxied != nil && r.Header.Get("x-fc-control-path") == "/http-invoke" {
			proxied.ServeHTTP(w, r)
			return
		}
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/invoke":
			s.customInvoke(w, r)
		case r.Method == http.MethodPost && r.URL.Path == "/initialize":
			s.lifecycle(w, r, "initializer: instance ready")
		case r.Method == http.MethodGet && r.URL.Path == "/pre-stop":
			s.lifecycle(w, r, "pre-stop: instance is stopping")
		case proxied != nil:
			proxied.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

func (s *server) lifecycle(w http.ResponseWriter, r *http.Request, msg string) {
	ctx := s.begin(r.Context(), fromFCHeaders(r.Header, time.Now(), s.getenv))
	zerolog.Ctx(ctx).Info().Msg(msg)
	w.Header().Set("x-fc-status", "200")
	w.WriteHeader(http.StatusOK)
}

// customInvoke serves one event invocation. FC's custom-runtime contract
// asks for the FC Invoke Start/End lines on stdout; it uses them to cut the
// function's log per request.
func (s *server) customInvoke(w http.ResponseWriter, r *http.Request) {
	inv := fromFCHeaders(r.Header, time.Now(), s.getenv)
	fmt.Fprintf(os.Stdout, "FC Invoke Start RequestId: %s\n", inv.RequestID)
	ctx := r.Context()
	if !inv.Deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, inv.Deadline)
		defer cancel()
	}
	ctx = s.begin(ctx, inv)

	payload, err := io.ReadAll(http.MaxBytesReader(w, r.Body, events.MaxPayload))
	var out []byte
	if err != nil {
		// Too large or cut short: it would be so again on a retry.
		zerolog.Ctx(ctx).Error().Err(err).Msg("unreadable event payload dropped: a retry would fail the same way")
	} else {
		out, err = s.invoke(ctx, payload, events.PlatformFC)
	}
	if err != nil {
		fmt.Fprintf(os.Stdout, "FC Invoke End RequestId: %s, Error: Unhandled function error\n", inv.RequestID)
		body, _ := json.Marshal(map[string]string{"errorMessage": err.Error(), "errorType": "HandlerError"})
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("x-fc-status", "404")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write(body)
		return
	}
	fmt.Fprintf(os.Stdout, "FC Invoke End RequestId: %s\n", inv.RequestID)
	w.Header().Set("x-fc-status", "200")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
}

// withInvocation serves raw HTTP with the invocation inv describes in the
// request context. FC's temporary credentials are taken out of the request
// headers once they are in the Invocation, so a handler that logs or
// echoes its headers cannot leak them.
func (s *server) withInvocation(raw http.Handler, inv func(*http.Request) events.Invocation) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in := inv(r)
		ctx := r.Context()
		if !in.Deadline.IsZero() {
			var cancel context.CancelFunc
			ctx, cancel = context.WithDeadline(ctx, in.Deadline)
			defer cancel()
		}
		r = r.WithContext(s.begin(ctx, in))
		r.Header.Del("x-fc-access-key-secret")
		r.Header.Del("x-fc-security-token")
		raw.ServeHTTP(w, r)
	})
}
