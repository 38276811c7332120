package vipsrender

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ossflow/ossflow/pkg/fault"
)

// Sentinel causes, matched with errors.Is. Corrupt and unsupported inputs
// are permanent (fault.Invalid); an encoder failure is fault.Internal.
var (
	// ErrCorrupt: the bytes claim a supported format but do not decode
	// (empty, truncated, damaged).
	ErrCorrupt = errors.New("image is corrupt or truncated")
	// ErrUnsupported: the format is not allowed, or this libvips build has
	// no decoder for it.
	ErrUnsupported = errors.New("image format is not supported")
	// ErrEncode: an output could not be encoded.
	ErrEncode = errors.New("image could not be encoded")
	// ErrPanic: a panic was recovered while rendering.
	ErrPanic = errors.New("render panicked")
)

// vipsError keeps libvips' own text for logs; it names formats and
// operations, never secrets. The first line is enough.
func vipsError(cause error, op string, text string) error {
	text, _, _ = strings.Cut(strings.TrimSpace(text), "\n")
	if len(text) > 200 {
		text = text[:200]
	}
	return fmt.Errorf("%s: %w: libvips: %s", op, cause, text)
}

func corrupt(op, text string) error {
	return fault.Wrap(fault.Invalid, ErrCorrupt.Error(), vipsError(ErrCorrupt, op, text))
}

func unsupported(format string) error {
	return fault.Wrap(fault.Invalid, ErrUnsupported.Error(), fmt.Errorf("%w: %s", ErrUnsupported, format))
}
