package template

import "fmt"

// Runtimes the local cloud can run. Other FC runtimes are valid in a
// template but produce a warning and a function with Emulated false.
const (
	RuntimeGo1            = "go1"
	RuntimeCustom         = "custom"
	RuntimeCustomDebian10 = "custom.debian10"
	RuntimeCustomDebian11 = "custom.debian11"
	RuntimeCustomDebian12 = "custom.debian12"
)

// Trigger types the local cloud drives.
const (
	TriggerOSS   = "oss"
	TriggerHTTP  = "http"
	TriggerTimer = "timer"
)

// Template is a resolved, validated fc3 template.
type Template struct {
	// Dir is the directory the template was read from; code paths are
	// relative to it.
	Dir       string
	Name      string
	AccountID string
	// Vars are the resolved vars, local overrides applied.
	Vars map[string]string
	// Functions are the fc3 resources in file order.
	Functions []Function
}

// Function returns the function whose resource key or functionName is
// name, and false if there is none.
func (t *Template) Function(name string) (*Function, bool) {
	for i := range t.Functions {
		if t.Functions[i].Resource == name || t.Functions[i].Name == name {
			return &t.Functions[i], true
		}
	}
	return nil, false
}

// Function is one fc3 function with defaults applied (memory 512 MB,
// timeout 3 s, instance concurrency 1, as the fc3 schema defaults them).
type Function struct {
	// Resource is the key under resources:, Name the functionName.
	Resource string
	Name     string
	Region   string
	Runtime  string
	// Code is the code directory (or zip) as written, relative to Template.Dir.
	Code        string
	Handler     string
	MemoryMB    int
	TimeoutSec  int
	Concurrency int
	Role        string
	Layers      []string
	Environment map[string]string
	// CustomRuntime is set for custom runtimes (defaults: command
	// /code/bootstrap, port 9000).
	CustomRuntime *CustomRuntime
	Initializer   *Hook
	PreStop       *Hook
	LogBeginRule  string
	Triggers      []Trigger
	// Emulated is false for runtimes the local cloud cannot start.
	Emulated bool
}

// IsCustom reports whether the function uses the custom-runtime HTTP protocol.
func (f Function) IsCustom() bool { return f.CustomRuntime != nil }

// CustomRuntime is customRuntimeConfig.
type CustomRuntime struct {
	Command []string
	Args    []string
	Port    int
}

// Hook is an instance lifecycle hook (initializer or preStop).
type Hook struct {
	Handler    string
	TimeoutSec int
}

// Trigger is one trigger; exactly one of OSS, HTTP and Timer is set for the
// types the local cloud drives, none for the others.
type Trigger struct {
	Name      string
	Type      string
	Qualifier string
	OSS       *OSSTrigger
	HTTP      *HTTPTrigger
	Timer     *TimerTrigger
}

// OSSTrigger is an oss trigger's config.
type OSSTrigger struct {
	// Events are as written, e.g. "oss:ObjectCreated:PutObject".
	Events         []string
	Prefix, Suffix string
	SourceARN      string
	// Bucket is the bucket named by SourceARN.
	Bucket         string
	InvocationRole string
}

// HTTPTrigger is an http trigger's config.
type HTTPTrigger struct {
	AuthType string
	Methods  []string
}

// TimerTrigger is a timer trigger's config.
type TimerTrigger struct {
	Cron    string
	Payload string
	Enable  bool
}

// Warning is something the template asks for that the local cloud cannot
// honour, or a likely mistake that fc3 would accept.
type Warning struct {
	// Function is the resource key, "" for template-wide warnings.
	Function string
	Field    string
	Message  string
}

// String renders the warning as one line.
func (w Warning) String() string {
	if w.Function == "" {
		return fmt.Sprintf("%s: %s", w.Field, w.Message)
	}
	return fmt.Sprintf("%s: %s: %s", w.Function, w.Field, w.Message)
}
