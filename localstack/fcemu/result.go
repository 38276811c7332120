package fcemu

import (
	"errors"
	"time"
)

// Error types a Result can carry besides the function's own.
const (
	ErrTypeTimeout       = "FunctionTimeout"
	ErrTypeMemory        = "MemoryLimitExceeded"
	ErrTypeCrashed       = "InstanceCrashed"
	ErrTypeStartFailed   = "InstanceStartFailed"
	ErrTypeInitializer   = "InitializerFailed"
	ErrTypeCredentials   = "CredentialsUnavailable"
	ErrTypePayloadTooBig = "PayloadTooLarge"
)

// ErrUnknownFunction is returned (wrapped) for a function the template
// does not define or the emulator cannot run.
var ErrUnknownFunction = errors.New("unknown function")

// ErrClosed is returned once the emulator is closing.
var ErrClosed = errors.New("fcemu: emulator closed")

// Result is the outcome of one invocation.
type Result struct {
	RequestID string
	// Payload is what the function returned (empty on error).
	Payload []byte
	// Error is nil on success.
	Error *FunctionError
	// Duration runs from handing the invocation to the instance until its
	// outcome; cold start and queueing are not included, as on FC.
	Duration time.Duration
	// MemoryMB is the function's memory size; MaxMemoryUsedMB the peak
	// resident set of the instance so far.
	MemoryMB        int
	MaxMemoryUsedMB int
	// ColdStart reports whether this invocation started a new instance.
	ColdStart bool
}

// FunctionError is a failed invocation: the function's own error (its
// errorType and errorMessage) or one of the ErrType* kinds the emulator
// imposes.
type FunctionError struct {
	Type    string `json:"errorType"`
	Message string `json:"errorMessage"`
}

// Error renders "Type: Message".
func (e *FunctionError) Error() string { return e.Type + ": " + e.Message }

// AsyncOutcome is the end of one async invocation.
type AsyncOutcome struct {
	Function  string
	RequestID string
	Attempts  int
	// Result is the last attempt's.
	Result Result
	// DeadLetter is the file the failed invocation was recorded in, "" on success.
	DeadLetter string
}
