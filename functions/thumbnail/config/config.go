// Package config is the thumbnail function's configuration: the styles to
// render (OSS IMG syntax), the source limits, where outputs go, and how much
// work one instance does at once. It is loaded once at cold start from the
// environment (Load); any problem is a config error naming the variable and,
// for styles, the offending token, so the function refuses to start rather
// than fail on every upload.
//
// Memory. libvips allocates from many threads, and glibc gives each thread
// its own malloc arena; under a long-lived function RSS creeps up until the
// instance is killed (bimg #241, imgproxy #116, imaginary #198). Run the
// function with MALLOC_ARENA_MAX=2: glibc reads it at process start, so it
// must be set in the deployment (template.yml environment), not by the
// program. Peak memory per instance is roughly MaxRenders × (source bytes +
// one decoded image shrunk for the largest output + Parallel encoders).
//
// Concurrency. VipsThreads is libvips' threads per image pipeline; JPEG
// decoding is serial, so 1 is right and parallelism pays across outputs
// (Parallel) and across sources (MaxRenders, which matters when FC instance
// concurrency lets several invocations share one instance).
//
// The package is pure (standard library and ossflow's pure packages), so it
// builds and is tested without cgo.
package config

import (
	"errors"
	"fmt"
	"runtime"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
)

// Config is everything the thumbnail function is told.
type Config struct {
	// Styles are rendered for every source; style.DefaultSet when unset.
	Styles style.Set
	// Limits bound what a source may cost before its pixels are decoded.
	Limits plan.Limits
	// Options are rendering defaults styles do not set (background, qualities).
	Options plan.Options
	// Layout maps source keys to output and failure-record keys.
	Layout Layout
	// CacheControl is stored on every variant.
	CacheControl string
	// VipsThreads is libvips' worker threads per image pipeline.
	VipsThreads int
	// Parallel is how many outputs of one source are encoded at once.
	Parallel int
	// MaxRenders is how many sources one instance renders at once; further
	// invocations wait, bounding memory under FC instance concurrency.
	MaxRenders int
	// Warnings are advice about the runtime environment (e.g. an unset
	// MALLOC_ARENA_MAX) for main to log at cold start; they do not stop it.
	Warnings []string
}

// DefaultCacheControl lets browsers and CDNs keep a variant for a day. Not
// immutable: a replaced source rewrites its variants under the same keys.
const DefaultCacheControl = "public, max-age=86400"

// Default returns the defaults: the default style set, OSS's documented
// source limits, white background, DefaultLayout, one libvips thread, as
// many parallel outputs as the process may use CPUs (at most 8), and two
// sources at once.
func Default() Config {
	return Config{
		Styles:       style.DefaultSet(),
		Limits:       plan.DefaultLimits(),
		Options:      plan.DefaultOptions(),
		Layout:       DefaultLayout(),
		CacheControl: DefaultCacheControl,
		VipsThreads:  1,
		Parallel:     min(max(runtime.GOMAXPROCS(0), 1), 8),
		MaxRenders:   2,
	}
}

// Validate reports every problem with c joined into one error, each naming
// the field: an empty style set, invalid limits or layout, qualities
// outside 1..100, or concurrency settings outside their ranges.
func (c Config) Validate() error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if len(c.Styles) == 0 {
		fail("Styles: at least one style is required")
	}
	if err := c.Limits.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.Layout.Validate(); err != nil {
		errs = append(errs, err)
	}
	for name, q := range map[string]int{"JPEGQuality": c.Options.JPEGQuality, "WebPQuality": c.Options.WebPQuality, "AVIFQuality": c.Options.AVIFQuality} {
		if q < 1 || q > 100 {
			fail("Options.%s = %d; want 1..100", name, q)
		}
	}
	if c.VipsThreads < 1 || c.VipsThreads > 64 {
		fail("VipsThreads = %d; want 1..64", c.VipsThreads)
	}
	if c.Parallel < 1 || c.Parallel > 64 {
		fail("Parallel = %d; want 1..64", c.Parallel)
	}
	if c.MaxRenders < 1 || c.MaxRenders > 64 {
		fail("MaxRenders = %d; want 1..64", c.MaxRenders)
	}
	return errors.Join(errs...)
}
