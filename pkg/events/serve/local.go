package serve

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/pkg/events"
)

// local serves local development: an HTTP handler as it is, or for event
// handlers POST / with an event payload, answered with the outcome a
// developer needs to see (unlike the platforms, a malformed payload is a 400
// here, since nobody retries it).
func (s *server) local() http.Handler {
	if raw := s.h.raw(); raw != nil {
		return s.withInvocation(raw, func(*http.Request) events.Invocation { return fromLocal(s.getenv) })
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "POST an object or timer event JSON", http.StatusMethodNotAllowed)
			return
		}
		ctx := s.begin(r.Context(), fromLocal(s.getenv))
		payload, err := io.ReadAll(http.MaxBytesReader(w, r.Body, events.MaxPayload))
		if err != nil {
			http.Error(w, "request body too large or unreadable", http.StatusRequestEntityTooLarge)
			return
		}
		out, err := s.h.event(ctx, payload, events.PlatformLocal)
		switch {
		case errors.Is(err, events.ErrMalformed):
			zerolog.Ctx(ctx).Error().Err(err).Msg("malformed event payload")
			http.Error(w, err.Error(), http.StatusBadRequest)
		case err != nil:
			// Only Retry failures reach here: the platform would retry, so say so.
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
		case len(out) == 0:
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(out)
		}
	})
}

// listenAndServe serves h on addr until SIGTERM or SIGINT, then stops
// gracefully, letting requests in flight finish. It returns the exit status.
func (s *server) listenAndServe(addr string, h http.Handler, mode string) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		s.log.Error().Err(err).Str("addr", addr).Msg("listen failed")
		return 1
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 30 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return s.log.WithContext(context.Background()) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info().Str("mode", mode).Str("addr", ln.Addr().String()).Msg("serving")
	select {
	case err := <-errc:
		s.log.Error().Err(err).Msg("server failed")
		return 1
	case <-ctx.Done():
	}
	s.log.Info().Msg("signal received: shutting down")
	// FC gives PreStop at most 90 s; finish well inside that.
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		s.log.Error().Err(err).Msg("graceful shutdown incomplete")
		return 1
	}
	s.log.Info().Msg("stopped")
	return 0
}
