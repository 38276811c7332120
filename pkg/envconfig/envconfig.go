// Package envconfig loads a function's typed configuration from environment
// variables once, at cold start. A Loader reads every variable it is asked
// for, remembers every problem, and reports them all in one joined error
// naming each bad variable, so a misconfigured deployment is fixed in one
// round instead of one variable per redeploy.
package envconfig

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Loader reads configuration variables through a lookup function.
type Loader struct {
	lookup func(string) (string, bool)
	errs   []error
}

// New returns a Loader over lookup; pass os.LookupEnv in main and a map's
// lookup in tests.
func New(lookup func(string) (string, bool)) *Loader {
	if lookup == nil {
		lookup = os.LookupEnv
	}
	return &Loader{lookup: lookup}
}

// FromMap returns a lookup function over m, for tests and local config files.
func FromMap(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// Err returns every problem found so far joined into one error, or nil.
func (l *Loader) Err() error { return errors.Join(l.errs...) }

// Fail records a problem with the variable name, for checks a caller makes
// itself (cross-field rules in a Validate method).
func (l *Loader) Fail(name, format string, args ...any) {
	l.errs = append(l.errs, fmt.Errorf("%s: %s", name, fmt.Sprintf(format, args...)))
}

func (l *Loader) get(name string) (string, bool) {
	v, ok := l.lookup(name)
	v = strings.TrimSpace(v)
	return v, ok && v != ""
}

// shown is how a bad value appears in an error: never for variables whose
// name marks them secret.
func shown(name, v string) string {
	if Secret(name) {
		return "(value hidden)"
	}
	if len(v) > 64 {
		v = v[:64] + "..."
	}
	return strconv.Quote(v)
}

// Secret reports whether a variable's name marks it as holding a secret, so
// its value is never echoed in errors or logs.
func Secret(name string) bool {
	n := strings.ToUpper(name)
	for _, w := range []string{"SECRET", "TOKEN", "PASSWORD", "PRIVATE", "KEY_ID_SECRET"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// String returns the variable's value, or def when unset or empty.
func (l *Loader) String(name, def string) string {
	if v, ok := l.get(name); ok {
		return v
	}
	return def
}

// Required returns the variable's value and records an error when it is unset or empty.
func (l *Loader) Required(name string) string {
	v, ok := l.get(name)
	if !ok {
		l.Fail(name, "required but not set")
	}
	return v
}

// OneOf returns the variable's value, which must be one of allowed, or def.
func (l *Loader) OneOf(name, def string, allowed ...string) string {
	v, ok := l.get(name)
	if !ok {
		return def
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	l.Fail(name, "got %s; want one of %s", shown(name, v), strings.Join(allowed, ", "))
	return def
}

// Bool returns the variable parsed by strconv.ParseBool, or def.
func (l *Loader) Bool(name string, def bool) bool {
	v, ok := l.get(name)
	if !ok {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		l.Fail(name, "got %s; want true or false", shown(name, v))
		return def
	}
	return b
}

// Int returns the variable as an integer in [min, max], or def.
func (l *Loader) Int(name string, def, min, max int) int {
	v, ok := l.get(name)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		l.Fail(name, "got %s; want an integer in %d..%d", shown(name, v), min, max)
		return def
	}
	return n
}

// Bytes returns a size in bytes in [min, max], or def. It accepts a plain
// number or one with a unit: KB, MB, GB (powers of 1000) or KiB, MiB, GiB.
func (l *Loader) Bytes(name string, def, min, max int64) int64 {
	v, ok := l.get(name)
	if !ok {
		return def
	}
	n, err := ParseBytes(v)
	if err != nil || n < min || n > max {
		l.Fail(name, "got %s; want a size in %d..%d bytes (units KB, MB, GB, KiB, MiB, GiB)", shown(name, v), min, max)
		return def
	}
	return n
}

// Duration returns the variable parsed by time.ParseDuration in [min, max], or def.
func (l *Loader) Duration(name string, def, min, max time.Duration) time.Duration {
	v, ok := l.get(name)
	if !ok {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < min || d > max {
		l.Fail(name, "got %s; want a duration in %s..%s", shown(name, v), min, max)
		return def
	}
	return d
}

// List returns the comma-separated, trimmed, non-empty items of the
// variable, or def when unset.
func (l *Loader) List(name string, def []string) []string {
	v, ok := l.get(name)
	if !ok {
		return def
	}
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	if len(out) == 0 {
		l.Fail(name, "got %s; want a comma-separated list", shown(name, v))
		return def
	}
	return out
}
