package template

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// fcRuntimes are the runtime ids fc3 accepts (devsapp/fc3 base.ts Runtime).
var fcRuntimes = []string{
	"nodejs8", "nodejs10", "nodejs12", "nodejs14", "nodejs16", "nodejs18", "nodejs20",
	"python2.7", "python3", "python3.9", "python3.10", "python3.12",
	"java8", "java11", "java17", "php7.2", "dotnetcore3.1", "dotnetcore2.1", "go1",
	"custom", "custom.debian10", "custom.debian11", "custom.debian12", "custom-container",
}

var (
	functionNameRE = regexp.MustCompile(`^[_A-Za-z][-_A-Za-z0-9]{0,63}$`)
	envKeyRE       = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// FC limits (FC 3.0 limits page and the fc3 schema).
const (
	minMemoryMB, maxMemoryMB, memoryStepMB = 128, 32768, 64
	maxTimeoutSec                          = 86400
	maxInitializerSec, maxPreStopSec       = 300, 90
	maxConcurrency                         = 200
	maxEnvBytes                            = 4096
	maxTriggers                            = 50
)

// validate checks f against the fc3 rules that matter and fills in the
// custom-runtime defaults; every broken rule is one error.
func (l *loader) validate(f *Function) {
	bad := func(format string, a ...any) {
		l.fail(fmt.Errorf("%s: %s", f.Resource, fmt.Sprintf(format, a...)))
	}
	if !functionNameRE.MatchString(f.Name) {
		bad("functionName %q: want a letter or _ then up to 63 letters, digits, - or _", f.Name)
	}
	if f.Region == "" {
		bad("region is required")
	}
	switch {
	case f.Runtime == RuntimeGo1:
		f.Emulated = true
	case strings.HasPrefix(f.Runtime, "custom") && f.Runtime != "custom-container":
		f.Emulated = true
		if f.CustomRuntime == nil {
			f.CustomRuntime = &CustomRuntime{}
		}
		if len(f.CustomRuntime.Command) == 0 {
			f.CustomRuntime.Command = []string{"/code/bootstrap"}
		}
		if f.CustomRuntime.Port == 0 {
			f.CustomRuntime.Port = 9000
		}
		if p := f.CustomRuntime.Port; p < 1 || p > 65535 {
			bad("customRuntimeConfig.port %d: want 1..65535", p)
		}
	case slices.Contains(fcRuntimes, f.Runtime):
		l.warn(f.Resource, "runtime", fmt.Sprintf("runtime %s is not emulated locally (go1 and custom.* are)", f.Runtime))
	default:
		bad("runtime %q is not an FC runtime (e.g. go1, custom.debian12)", f.Runtime)
	}
	if f.CustomRuntime != nil && !strings.HasPrefix(f.Runtime, "custom") {
		bad("customRuntimeConfig is only for custom runtimes, not %s", f.Runtime)
	}
	if f.Handler == "" && f.Runtime != "custom-container" {
		bad("handler is required (the binary's name in the code package for go1)")
	}
	if f.Code == "" && f.Emulated {
		bad("code is required")
	}
	if m := f.MemoryMB; m < minMemoryMB || m > maxMemoryMB || m%memoryStepMB != 0 {
		bad("memorySize %d: want %d..%d MB in multiples of %d", m, minMemoryMB, maxMemoryMB, memoryStepMB)
	}
	if t := f.TimeoutSec; t < 1 || t > maxTimeoutSec {
		bad("timeout %d: want 1..%d seconds", t, maxTimeoutSec)
	}
	if c := f.Concurrency; c < 1 || c > maxConcurrency {
		bad("instanceConcurrency %d: want 1..%d", c, maxConcurrency)
	} else if c > 1 && !strings.HasPrefix(f.Runtime, "custom") {
		bad("instanceConcurrency %d: only custom runtimes and custom containers serve more than one request per instance; %s takes 1", c, f.Runtime)
	}
	if h := f.Initializer; h != nil && (h.TimeoutSec < 1 || h.TimeoutSec > maxInitializerSec) {
		bad("instanceLifecycleConfig.initializer.timeout %d: want 1..%d seconds", h.TimeoutSec, maxInitializerSec)
	}
	if h := f.PreStop; h != nil && (h.TimeoutSec < 1 || h.TimeoutSec > maxPreStopSec) {
		bad("instanceLifecycleConfig.preStop.timeout %d: want 1..%d seconds", h.TimeoutSec, maxPreStopSec)
	}
	if r := f.LogBeginRule; r != "" && r != "None" && r != "DefaultRegex" {
		bad("logConfig.logBeginRule %q: want None or DefaultRegex", r)
	} else if r == "DefaultRegex" {
		l.warn(f.Resource, "logConfig.logBeginRule", "DefaultRegex glues JSON log lines to the previous dated line in SLS; use None")
	}
	l.validateEnv(f, bad)
	if len(f.Triggers) > maxTriggers {
		bad("%d triggers: at most %d per function", len(f.Triggers), maxTriggers)
	}
	seen := map[string]bool{}
	for _, t := range f.Triggers {
		if seen[t.Name] {
			bad("trigger name %q is used twice", t.Name)
		}
		seen[t.Name] = true
	}
	if len(f.Layers) > 0 && f.Emulated {
		l.warn(f.Resource, "layers", "layers are not downloaded locally; their libraries must be installed on this machine")
	}
}

func (l *loader) validateEnv(f *Function, bad func(string, ...any)) {
	size := 0
	keys := make([]string, 0, len(f.Environment))
	for k := range f.Environment {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		size += len(k) + len(f.Environment[k])
		if !envKeyRE.MatchString(k) {
			bad("environmentVariables.%s: a key starts with a letter and holds letters, digits and _", k)
		}
		if strings.HasPrefix(k, "FC_") {
			bad("environmentVariables.%s: the FC_ prefix is reserved for variables FC sets", k)
		}
	}
	if size > maxEnvBytes {
		bad("environmentVariables: %d bytes; FC allows %d", size, maxEnvBytes)
	}
}
