package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// process brings the variants of the version src.etag up to date, or
// records why they cannot be made.
func (h *Handler) process(ctx context.Context, src *source) error {
	st, err := h.check(ctx, src)
	if err != nil || st.settled(ctx) {
		return err
	}
	if src.info.Size > h.cfg.Limits.MaxBytes {
		// Refused from the HEAD alone: not one byte is downloaded.
		return h.fail(ctx, src, &plan.Refusal{Reason: plan.ReasonBytes,
			Detail: fmt.Sprintf("source is %d bytes; limit %d", src.info.Size, h.cfg.Limits.MaxBytes)})
	}
	release, err := h.acquire(ctx)
	if err != nil {
		return err
	}
	rs, err := h.produce(ctx, src, &st)
	release()
	switch {
	case err != nil && permanent(err):
		return h.fail(ctx, src, err)
	case err != nil:
		return err
	case rs == nil:
		return nil
	}
	return h.write(ctx, src, rs, st)
}

// produce downloads src into a temp file and renders it inside a render
// slot, so the slot bounds the files and decoded images held at once. The
// file is removed when produce returns, whatever happened. It returns no
// renditions and no error when the source vanished or, read at a newer
// version, turned out to be done already.
func (h *Handler) produce(ctx context.Context, src *source, st *state) ([]Rendition, error) {
	path, replaced, err := h.fetch(ctx, src)
	switch {
	case errors.Is(err, osskit.ErrNotFound):
		zerolog.Ctx(ctx).Info().Msg("source deleted while being processed; nothing to do")
		return nil, nil
	case err != nil:
		return nil, err
	}
	defer removeTemp(ctx, path)
	if replaced {
		// The bytes are a newer version than the HEAD saw: judge the
		// existing variants against the version actually in hand.
		zerolog.Ctx(ctx).Info().Str("currentETag", src.etag).Msg("source replaced between HEAD and GET; processing the version read")
		if *st, err = h.check(ctx, src); err != nil || st.settled(ctx) {
			return nil, err
		}
	}
	return h.render(ctx, path)
}

// fetch streams the source into a new temp file and returns its path; the
// caller removes it. It reads at most Limits.MaxBytes+1 bytes whatever the
// Store does (the extra byte tells an overrun). It reports whether the
// version read differs from the one HEAD saw (and updates src to the
// version read).
func (h *Handler) fetch(ctx context.Context, src *source) (path string, replaced bool, err error) {
	limit := h.cfg.Limits.MaxBytes
	body, info, err := h.store.GetObject(ctx, src.bucket, src.key, osskit.GetOptions{MaxSize: limit})
	if err != nil {
		return "", false, fmt.Errorf("get source %s/%s: %w", src.bucket, src.key, err)
	}
	defer body.Close()
	f, err := os.CreateTemp("", tempPattern)
	if err != nil {
		return "", false, tempError(src, err)
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	w := &tempWriter{f: f}
	n, err := io.Copy(w, io.LimitReader(body, limit+1))
	if cerr := f.Close(); w.err == nil && cerr != nil {
		w.err = cerr
	}
	switch {
	case w.err != nil:
		return "", false, tempError(src, w.err)
	case err != nil:
		return "", false, fmt.Errorf("read source %s/%s: %w", src.bucket, src.key, err)
	case n > limit:
		return "", false, &plan.Refusal{Reason: plan.ReasonBytes, Detail: fmt.Sprintf("source is over the %d-byte limit", limit)}
	}
	if e := normETag(info.ETag); e != "" && e != src.etag {
		src.etag, src.info.Size, replaced = e, n, true
	}
	return f.Name(), replaced, nil
}

// permanent reports whether err is the source's fault, so that retrying
// cannot help: not an image, corrupt, unsupported, over a limit.
func permanent(err error) bool {
	k := fault.KindOf(err)
	return k == fault.Invalid || k == fault.TooLarge
}

// normETag returns an ETag as OSS events spell it: upper-case hex, no quotes.
func normETag(s string) string { return strings.ToUpper(strings.Trim(s, `"`)) }
