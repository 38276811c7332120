package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// FailureRecord is the JSON written to Layout.FailureKey(source key) when a
// source cannot be thumbnailed however often it is retried. It carries
// x-oss-meta-source-etag like a variant, so it is never taken for a source
// and a duplicate event for the same version finds it and does nothing.
type FailureRecord struct {
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	ETag   string `json:"etag"`
	Size   int64  `json:"size"`
	// Reason is stable and machine-readable: a plan.Reason such as
	// "too_many_pixels" or "unsupported_format", else "invalid_image" or
	// "too_large".
	Reason string `json:"reason"`
	// Detail is the error text for people; it names sizes, formats and
	// libvips' complaint, never credentials.
	Detail    string    `json:"detail"`
	Time      time.Time `json:"time"`
	RequestID string    `json:"requestId,omitempty"`
}

// maxDetail bounds the error text kept in a record and a log line.
const maxDetail = 512

// fail logs a permanent failure with the key and reason and writes its
// failure record. It returns nil once the record is stored, so FC does not
// retry in vain; an error writing the record is returned (with its kind)
// so the event is retried and the failure is not lost.
func (h *Handler) fail(ctx context.Context, src *source, cause error) error {
	rec := FailureRecord{
		Bucket: src.bucket.String(), Key: src.key.String(), ETag: src.etag, Size: src.info.Size,
		Reason: reasonOf(cause), Detail: cause.Error(), Time: h.clock().UTC(),
	}
	if len(rec.Detail) > maxDetail {
		rec.Detail = rec.Detail[:maxDetail] + "..."
	}
	if inv, ok := events.InvocationFrom(ctx); ok {
		rec.RequestID = inv.RequestID
	}
	zerolog.Ctx(ctx).Warn().Str("reason", rec.Reason).Str("detail", rec.Detail).Str("etag", rec.ETag).
		Msg("permanent failure: the source cannot be thumbnailed; writing a failure record")
	key, err := h.cfg.Layout.FailureKey(src.key.String())
	if err != nil {
		return fmt.Errorf("failure record key: %w", err)
	}
	body, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return fault.Wrap(fault.Internal, "", fmt.Errorf("encode failure record: %w", err))
	}
	_, err = h.store.PutObject(ctx, src.out, key, bytes.NewReader(body), osskit.PutOptions{
		ContentType:  "application/json",
		CacheControl: "no-store",
		Metadata:     map[string]string{MetaSourceETag: src.etag},
	})
	if err != nil {
		return fmt.Errorf("put failure record %s/%s: %w", src.out, key, err)
	}
	zerolog.Ctx(ctx).Info().Str("record", key.String()).Msg("failure record written; the event is done")
	return nil
}

func reasonOf(err error) string {
	var r *plan.Refusal
	switch {
	case errors.As(err, &r):
		return string(r.Reason)
	case fault.KindOf(err) == fault.TooLarge:
		return "too_large"
	default:
		return "invalid_image"
	}
}
