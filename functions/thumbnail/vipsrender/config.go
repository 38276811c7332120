package vipsrender

import (
	"errors"
	"fmt"
	"sync"

	"github.com/h2non/bimg"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

/*
#cgo pkg-config: vips
#include "bridge.h"
*/
import "C"

// Config sets process-wide libvips behaviour and per-render parallelism.
type Config struct {
	// Threads is libvips' worker threads per image pipeline. JPEG decode is
	// serial, so 1 is the default: parallelism pays across outputs and
	// images, not inside one pipeline.
	Threads int
	// Parallel is how many outputs of one source are encoded at once
	// (default 1). Set it to the cores an instance may use.
	Parallel int
}

// DefaultConfig is one libvips thread and one output at a time.
func DefaultConfig() Config { return Config{Threads: 1, Parallel: 1} }

// Validate reports every out-of-range field, joined.
func (c Config) Validate() error {
	var errs []error
	if c.Threads < 1 || c.Threads > 64 {
		errs = append(errs, errors.New("vipsrender: Threads must be 1..64"))
	}
	if c.Parallel < 1 || c.Parallel > 64 {
		errs = append(errs, errors.New("vipsrender: Parallel must be 1..64"))
	}
	return errors.Join(errs...)
}

var initOnce sync.Once

// setup configures libvips once per process. bimg starts libvips when it is
// imported (vips_init, its own error handling); here its defaults are
// replaced: the operation cache is switched off (bimg keeps 100 MB and 500
// operations, which only inflates RSS for a one-pass thumbnailer, and a
// cached loader would outlive the source buffer it read), the configured
// thread count is set, and untrusted loaders (ImageMagick, ...) are blocked.
func setup(c Config) {
	initOnce.Do(func() {
		bimg.VipsCacheSetMax(0)
		bimg.VipsCacheSetMaxMem(0)
		C.ofl_init(C.int(c.Threads))
	})
}

// loaderAvailable reports whether this libvips build can decode f: HEIF
// and AVIF depend on libheif's plugins; the others are always built in.
func loaderAvailable(f plan.Format) bool {
	switch f {
	case plan.HEIF:
		return bimg.VipsIsTypeSupported(bimg.HEIF)
	case plan.AVIF:
		return bimg.VipsIsTypeSupported(bimg.AVIF)
	}
	_, ok := loaderKinds[f]
	return ok
}

// CheckSet reports, at cold start, a style whose output format this libvips
// build cannot encode (AVIF needs libheif with an AV1 encoder), as a
// fault.Invalid config error naming the style; nil when all can be encoded.
func (r *Renderer) CheckSet(set style.Set) error {
	for _, st := range set {
		if st.Format == style.FormatAVIF && !bimg.VipsIsTypeSupportedSave(bimg.AVIF) {
			return fault.Wrap(fault.Invalid, "", fmt.Errorf("style %q: this libvips cannot encode avif", st.Name))
		}
	}
	return nil
}
