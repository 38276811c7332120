package fcemu

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/ossflow/ossflow/localstack/template"
	"github.com/ossflow/ossflow/pkg/events"
)

// Invocation kinds, numbered as the x-fc-function-type header numbers them.
const (
	kindHandler     = 0
	kindInitializer = 1
	kindPreStop     = 2
)

// call is one invocation handed to an instance.
type call struct {
	id       string
	kind     int
	payload  []byte
	deadline time.Time
	timeout  int // seconds
	creds    events.Credentials
	retry    int
}

// errGone means the instance's process exited before the outcome arrived.
var errGone = errors.New("instance exited")

// driver speaks one FC runtime protocol to one instance.
type driver interface {
	// ready blocks until the runtime takes invocations; it fails if ctx
	// ends or the process exits first.
	ready(ctx context.Context) error
	// invoke hands c to the runtime and waits for its outcome. ferr is the
	// function's own error; err means there was no outcome (ctx ended or
	// errGone).
	invoke(ctx context.Context, c call) (out []byte, ferr *FunctionError, err error)
	close()
}

// fcHeaders sets the x-fc-* headers both protocols carry, as FC sets them
// and as fc-runtime-go-sdk and pkg/events/serve read them.
func fcHeaders(h http.Header, f *template.Function, accountID string, c call) {
	h.Set("x-fc-request-id", c.id)
	h.Set("x-fc-function-deadline", strconv.FormatInt(c.deadline.UnixMilli(), 10))
	h.Set("x-fc-function-timeout", strconv.Itoa(c.timeout))
	h.Set("x-fc-function-name", f.Name)
	h.Set("x-fc-function-handler", f.Handler)
	h.Set("x-fc-function-memory", strconv.Itoa(f.MemoryMB))
	h.Set("x-fc-region", f.Region)
	h.Set("x-fc-account-id", accountID)
	h.Set("x-fc-qualifier", "LATEST")
	h.Set("x-fc-version-id", "LATEST")
	h.Set("x-fc-retry-count", strconv.Itoa(c.retry))
	if c.kind != kindHandler {
		h.Set("x-fc-function-type", strconv.Itoa(c.kind))
	}
	if c.creds.Valid() {
		h.Set("x-fc-access-key-id", c.creds.AccessKeyID)
		h.Set("x-fc-access-key-secret", c.creds.AccessKeySecret)
		if c.creds.SecurityToken != "" {
			h.Set("x-fc-security-token", c.creds.SecurityToken)
		}
	}
}
