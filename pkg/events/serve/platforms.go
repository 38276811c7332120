package serve

import (
	"context"
	"encoding/json"

	"github.com/aliyun/fc-runtime-go-sdk/fc"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/pkg/events"
)

// runFC serves the FC runtime API of the built-in go1 runtime; it never
// returns (the SDK exits the process if the runtime API goes away).
func (s *server) runFC() {
	fc.RegisterInitializerFunction(func(ctx context.Context) {
		ctx = s.begin(ctx, fromFCContext(ctx, s.getenv))
		zerolog.Ctx(ctx).Info().Msg("initializer: instance ready")
	})
	fc.RegisterPreStopFunction(func(ctx context.Context) {
		ctx = s.begin(ctx, fromFCContext(ctx, s.getenv))
		zerolog.Ctx(ctx).Info().Msg("pre-stop: instance is stopping")
	})
	// The SDK JSON-marshals what the handler returns: a []byte would reach
	// FC as a base64 string, a json.RawMessage goes out as the JSON it is.
	fc.Start(func(ctx context.Context, payload []byte) (json.RawMessage, error) {
		ctx = s.begin(ctx, fromFCContext(ctx, s.getenv))
		out, err := s.invoke(ctx, payload, events.PlatformFC)
		if err != nil {
			return nil, err
		}
		return jsonOrNull(out), nil
	})
}

// runLambda serves the Lambda runtime API; it never returns.
func (s *server) runLambda() {
	lambda.Start(lambdaHandler{s})
}

// lambdaHandler implements lambda.Handler, which passes payload and result
// through as bytes, with no JSON round trip.
type lambdaHandler struct{ s *server }

// Invoke serves one Lambda invocation.
func (l lambdaHandler) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	ctx = l.s.begin(ctx, fromLambda(ctx, l.s.getenv))
	out, err := l.s.invoke(ctx, payload, events.PlatformLambda)
	if err != nil {
		return nil, err
	}
	return jsonOrNull(out), nil
}

func jsonOrNull(b []byte) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("null")
	}
	return b
}
