package plan

import (
	"fmt"

	"github.com/ossflow/ossflow/pkg/fault"
)

// Reason is a stable, machine-readable cause of a refusal.
type Reason string

// Refusal reasons. All are permanent: the same source and styles are refused
// again on every retry.
const (
	ReasonFormat Reason = "unsupported_format" // format not in Limits.Formats
	ReasonBytes  Reason = "too_many_bytes"     // over Limits.MaxBytes
	ReasonHeader Reason = "bad_header"         // header gives an impossible size
	ReasonSide   Reason = "side_too_long"      // over Limits.MaxSide
	ReasonFrames Reason = "too_many_frames"    // over Limits.MaxFrames
	ReasonPixels Reason = "too_many_pixels"    // over Limits.MaxPixels (a decompression bomb)
	ReasonResult Reason = "result_too_large"   // an output would break OSS's result limits
	ReasonCrop   Reason = "crop_outside_image" // a crop origin lies outside the image
)

// Refusal is Build's error for a source that must not be processed. It is
// permanent: fault kind TooLarge for size limits, Invalid otherwise.
type Refusal struct {
	Reason Reason
	Detail string // words for logs and failure records; holds no secrets
}

// Error formats as `refused: <reason>: <detail>`.
func (r *Refusal) Error() string { return "refused: " + string(r.Reason) + ": " + r.Detail }

// FaultKind maps size-limit refusals to fault.TooLarge and the rest to fault.Invalid.
func (r *Refusal) FaultKind() fault.Kind {
	switch r.Reason {
	case ReasonBytes, ReasonSide, ReasonFrames, ReasonPixels, ReasonResult:
		return fault.TooLarge
	default:
		return fault.Invalid
	}
}

func refuse(reason Reason, format string, args ...any) error {
	return &Refusal{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}
