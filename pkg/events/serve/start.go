package serve

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/logging"
)

// Start runs setup once at cold start (load config, build adapters), then
// serves the handler it returns on whichever platform the environment
// names, and never returns. The platform is chosen in this order:
//
//   - FC_RUNTIME_API set: the FC runtime API of the built-in go1 runtime
//     (fc-runtime-go-sdk), with Initializer and PreStop hooks that log;
//   - AWS_LAMBDA_RUNTIME_API set: AWS Lambda (aws-lambda-go);
//   - FC_CUSTOM_LISTEN_PORT set or flag -custom-runtime: the FC
//     custom-runtime HTTP protocol on 0.0.0.0:$FC_CUSTOM_LISTEN_PORT (default
//     9000; flag -listen overrides the address): POST /invoke, POST
//     /initialize, GET /pre-stop, and for an HTTP handler every other request;
//   - otherwise local development: flag -listen (default 127.0.0.1:8080)
//     serves an HTTP handler directly, or accepts POST / with any supported
//     object or timer event JSON for Objects and Ticks.
//
// Logs are JSON lines on stderr (pkg/logging), with secrets redacted. If
// setup fails, Start logs the error in one line and exits with status 1; bad
// flags exit with status 2. The HTTP modes stop gracefully on SIGTERM or
// SIGINT and exit with status 0.
func Start(function string, setup func(ctx context.Context) (Handler, error)) {
	os.Exit(run(function, setup, os.Args[1:], os.Getenv, os.Stderr))
}

// run is Start with its inputs passed in; it returns the exit status.
func run(function string, setup func(ctx context.Context) (Handler, error), args []string,
	getenv func(string) string, stderr io.Writer) int {
	fs := flag.NewFlagSet(function, flag.ContinueOnError)
	fs.SetOutput(stderr)
	custom := fs.Bool("custom-runtime", false, "serve the FC custom-runtime HTTP protocol")
	listen := fs.String("listen", "", "address to listen on (local mode default 127.0.0.1:8080)")
	if err := fs.Parse(args); err != nil {
		return 2
	}

	red := logging.NewRedactor(stderr)
	// The instance's own credentials are known now; naming them to the
	// redactor keeps them out of every line even where no pattern matches.
	for _, k := range []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		if v := getenv(k); v != "" {
			red.AddSecret(v)
		}
	}
	s := &server{function: function, getenv: getenv, log: logging.NewWithRedactor(red, function)}

	h, err := setup(s.log.WithContext(context.Background()))
	if err == nil && h == nil {
		err = errors.New("setup returned no handler")
	}
	if err != nil {
		s.log.Error().Err(err).Msg("setup failed")
		return 1
	}
	s.h = h

	switch {
	case getenv("FC_RUNTIME_API") != "":
		s.log.Info().Str("mode", "fc-runtime-api").Msg("serving")
		s.runFC()
		return 1 // the SDK exits itself; reaching here means it gave up
	case getenv("AWS_LAMBDA_RUNTIME_API") != "":
		s.log.Info().Str("mode", "lambda").Msg("serving")
		s.runLambda()
		return 1
	case getenv("FC_CUSTOM_LISTEN_PORT") != "" || *custom:
		addr := *listen
		if addr == "" {
			addr = "0.0.0.0:" + first(getenv("FC_CUSTOM_LISTEN_PORT"), "9000")
		}
		return s.listenAndServe(addr, s.customRuntime(), "fc-custom-runtime")
	}
	addr := first(*listen, "127.0.0.1:8080")
	return s.listenAndServe(addr, s.local(), "local")
}

// server is one running function: its handler, base logger and environment.
type server struct {
	function string
	h        Handler
	log      zerolog.Logger
	getenv   func(string) string
}

// begin gives one invocation's context its Invocation and request logger.
func (s *server) begin(ctx context.Context, inv events.Invocation) context.Context {
	ctx = events.WithInvocation(ctx, inv)
	ctx, _ = logging.ForRequest(ctx, s.log, inv.RequestID)
	return ctx
}

// invoke runs the handler on one platform event. A payload that does not
// parse is logged and answered with success: it would fail the same way on
// every retry, so retrying only delays the alert this log line raises.
func (s *server) invoke(ctx context.Context, payload []byte, p events.Platform) ([]byte, error) {
	out, err := s.h.event(ctx, payload, p)
	if errors.Is(err, events.ErrMalformed) {
		zerolog.Ctx(ctx).Error().Err(err).Int("bytes", len(payload)).
			Msg("malformed event payload dropped: a retry would fail the same way")
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.function, err)
	}
	return out, nil
}
