package pipeline

import (
	"bytes"
	"cmp"
	"context"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// putParallel bounds concurrent PUTs of one record.
const putParallel = 4

// write stores every rendition not already present, then removes what
// earlier versions left that the new set replaces (removeStale). Each PUT
// carries Content-MD5, so the store refuses a body damaged on the way. If
// any PUT fails the set is incomplete: the error says so, with the kind
// Unavailable when any failure may pass (FC re-delivers and the next run
// writes only what is missing), else the first failure's kind.
func (h *Handler) write(ctx context.Context, src *source, rs []Rendition, st state) error {
	keys := make([]osskit.Key, len(rs))
	for i, r := range rs {
		k, err := h.cfg.Layout.VariantKey(src.key.String(), r.Name, string(r.Format))
		if err != nil {
			return fmt.Errorf("output key of style %s: %w", r.Name, err)
		}
		keys[i] = k
	}
	errs := make([]error, len(rs))
	wrote := make([]bool, len(rs))
	each(len(rs), putParallel, func(i int) {
		if st.present[keys[i].String()] {
			return
		}
		r := rs[i]
		sum := md5.Sum(r.Data)
		_, err := h.store.PutObject(ctx, src.out, keys[i], bytes.NewReader(r.Data), osskit.PutOptions{
			ContentType:  r.ContentType,
			CacheControl: h.cfg.CacheControl,
			ContentMD5:   base64.StdEncoding.EncodeToString(sum[:]),
			Metadata:     map[string]string{MetaSourceETag: src.etag, MetaStyle: r.Name},
		})
		if err != nil {
			errs[i] = fmt.Errorf("put variant %s/%s: %w", src.out, keys[i], err)
			return
		}
		wrote[i] = true
	})
	written, failed, retry := 0, 0, false
	var first error
	for i := range rs {
		switch {
		case wrote[i]:
			written++
		case errs[i] != nil:
			failed++
			first = cmp.Or(first, errs[i])
			retry = retry || fault.DispositionOf(errs[i]) == fault.Retry
		}
	}
	if failed > 0 {
		kind := fault.KindOf(first)
		if retry {
			kind = fault.Unavailable
		}
		return fault.Wrap(kind, "", fmt.Errorf("variant set of %s/%s incomplete: %d of %d failed (%d written now, %d already present): %w",
			src.bucket, src.key, failed, len(rs), written, len(rs)-failed-written, errors.Join(errs...)))
	}
	zerolog.Ctx(ctx).Info().Str("etag", src.etag).Int("written", written).Int("alreadyPresent", len(rs)-written).
		Str("outputBucket", src.out.String()).Msg("variant set complete")
	h.removeStale(ctx, src, rs, st)
	return nil
}

// removeStale deletes, after a complete write, an earlier version's
// failure record and, for styles whose format follows the source, the
// variant in the other format (a PNG with alpha replaced by a JPEG leaves
// sm.png behind sm.jpg). Such leftovers only mislead, so a failed delete
// is logged, not retried.
func (h *Handler) removeStale(ctx context.Context, src *source, rs []Rendition, st state) {
	var stale []osskit.Key
	if !st.staleFailure.IsZero() {
		stale = append(stale, st.staleFailure)
	}
	for i, r := range rs {
		if h.cfg.Styles[i].Format != style.FormatAuto {
			continue
		}
		for _, ext := range extsFor(style.FormatAuto) {
			k, err := h.cfg.Layout.VariantKey(src.key.String(), r.Name, ext)
			if err == nil && ext != string(r.Format) && st.exists[k.String()] {
				stale = append(stale, k)
			}
		}
	}
	for _, k := range stale {
		log := zerolog.Ctx(ctx).With().Str("stale", k.String()).Logger()
		if err := h.store.DeleteObject(ctx, src.out, k); err != nil {
			log.Warn().Err(err).Msg("could not remove what an earlier version left")
			continue
		}
		log.Info().Msg("removed what an earlier version left")
	}
}
