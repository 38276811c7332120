package fcemu

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/ossflow/ossflow/localstack/template"
	"github.com/ossflow/ossflow/pkg/events"
)

// Defaults for Config fields left zero.
const (
	DefaultMaxInstances  = 4
	DefaultAsyncAttempts = 3 // FC's default for asynchronous invocations
	DefaultRetryBackoff  = time.Second
	DefaultStartTimeout  = 30 * time.Second
	DefaultStopGrace     = 2 * time.Second
	// MaxSyncPayload and MaxAsyncPayload are FC 3.0's request limits.
	MaxSyncPayload  = 32 << 20
	MaxAsyncPayload = 128 << 10
)

// Config configures an Emulator. Template is required; every other field
// has a working default.
type Config struct {
	Template *template.Template
	// CodeDir returns the directory holding a function's built code.
	// Default: the function's code path, relative to the template's dir.
	CodeDir func(f template.Function) string
	// Credentials returns the temporary credentials of the function's role
	// (by resource key, e.g. "thumbnail"); they are handed to every
	// invocation in x-fc-* headers and to each instance in ALIBABA_CLOUD_*
	// variables. Nil: functions run without credentials.
	Credentials func(fn string) (events.Credentials, error)
	// Logs receives every function's output lines and the emulator's own
	// lines. Default os.Stderr.
	Logs io.Writer
	// JSONLogs writes raw JSON lines instead of the pretty form.
	JSONLogs bool
	// DeadLetterDir is where an async invocation that failed every attempt
	// is recorded, one JSON file each under <dir>/<function>/.
	// Default: <os.TempDir()>/ossflow-deadletter.
	DeadLetterDir string
	// MaxInstances caps the instances of one function (FC scales out
	// further; a laptop should not). Default DefaultMaxInstances.
	MaxInstances int
	// AsyncAttempts is how many times an async invocation is tried.
	// Default DefaultAsyncAttempts.
	AsyncAttempts int
	// RetryBackoff is the wait before the first retry; it doubles for
	// each further one. Default DefaultRetryBackoff.
	RetryBackoff time.Duration
	// StartTimeout bounds an instance's start (until it is ready to take
	// invocations), initializer excluded. Default DefaultStartTimeout.
	StartTimeout time.Duration
	// IdleTimeout stops an instance (pre-stop hook first) that has served
	// nothing for this long, as FC reclaims idle instances. Zero keeps
	// instances until Close.
	IdleTimeout time.Duration
	// OnAsyncDone, when set, is told the outcome of every async
	// invocation once it succeeded or was dead-lettered.
	OnAsyncDone func(AsyncOutcome)
	// Clock stamps events and results; default time.Now. Timers and
	// deadlines always use the real clock: they kill real processes.
	Clock func() time.Time
}

func (c Config) withDefaults() Config {
	if c.CodeDir == nil {
		dir := ""
		if c.Template != nil {
			dir = c.Template.Dir
		}
		c.CodeDir = func(f template.Function) string { return filepath.Join(dir, f.Code) }
	}
	if c.Logs == nil {
		c.Logs = os.Stderr
	}
	if c.DeadLetterDir == "" {
		c.DeadLetterDir = filepath.Join(os.TempDir(), "ossflow-deadletter")
	}
	if c.MaxInstances == 0 {
		c.MaxInstances = DefaultMaxInstances
	}
	if c.AsyncAttempts == 0 {
		c.AsyncAttempts = DefaultAsyncAttempts
	}
	if c.RetryBackoff == 0 {
		c.RetryBackoff = DefaultRetryBackoff
	}
	if c.StartTimeout == 0 {
		c.StartTimeout = DefaultStartTimeout
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	return c
}

// Validate reports every problem with c at once, naming the field.
func (c Config) Validate() error {
	var errs []error
	if c.Template == nil {
		errs = append(errs, errors.New("fcemu config: Template is required"))
	}
	if c.MaxInstances < 0 {
		errs = append(errs, errors.New("fcemu config: MaxInstances must not be negative"))
	}
	if c.AsyncAttempts < 0 {
		errs = append(errs, errors.New("fcemu config: AsyncAttempts must not be negative"))
	}
	if c.RetryBackoff < 0 || c.StartTimeout < 0 || c.IdleTimeout < 0 {
		errs = append(errs, errors.New("fcemu config: RetryBackoff, StartTimeout and IdleTimeout must not be negative"))
	}
	return errors.Join(errs...)
}
