package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// state is what already exists for one source version.
type state struct {
	// present holds the variant keys already made from this version.
	present map[string]bool
	// exists holds every variant key found, whatever version made it.
	exists map[string]bool
	// complete: every style has an up-to-date variant.
	complete bool
	// failed: a failure record for this version exists.
	failed bool
	// staleFailure: a failure record of an earlier version exists; it is
	// removed once this version's variants are written.
	staleFailure osskit.Key
}

// settled reports, with a log line, whether there is nothing left to do.
func (s state) settled(ctx context.Context) bool {
	switch {
	case s.complete:
		zerolog.Ctx(ctx).Info().Msg("every variant already exists with the source's ETag; nothing written")
	case s.failed:
		zerolog.Ctx(ctx).Info().Msg("a failure record for this version exists; nothing written")
	default:
		return false
	}
	return true
}

// headParallel bounds concurrent HEADs of one record.
const headParallel = 8

type probe struct {
	style int
	key   osskit.Key
}

// check HEADs every possible variant key of src (two for a style whose
// format follows the source, jpg or png, since the source is not decoded
// yet) and, when the set is incomplete, the failure record.
func (h *Handler) check(ctx context.Context, src *source) (state, error) {
	var probes []probe
	for i, st := range h.cfg.Styles {
		for _, ext := range extsFor(st.Format) {
			k, err := h.cfg.Layout.VariantKey(src.key.String(), st.Name, ext)
			if err != nil {
				return state{}, fmt.Errorf("output key of style %s: %w", st.Name, err)
			}
			probes = append(probes, probe{i, k})
		}
	}
	fresh := make([]bool, len(probes))
	found := make([]bool, len(probes))
	errs := make([]error, len(probes))
	each(len(probes), headParallel, func(i int) {
		var etag string
		etag, found[i], errs[i] = h.sourceOf(ctx, src.out, probes[i].key)
		fresh[i] = found[i] && etag == src.etag
	})
	if err := errors.Join(errs...); err != nil {
		return state{}, err
	}
	s := state{present: map[string]bool{}, exists: map[string]bool{}}
	covered := make([]bool, len(h.cfg.Styles))
	for i, p := range probes {
		s.exists[p.key.String()] = found[i]
		if fresh[i] {
			s.present[p.key.String()], covered[p.style] = true, true
		}
	}
	s.complete = true
	for _, c := range covered {
		s.complete = s.complete && c
	}
	if !s.complete {
		fk, err := h.cfg.Layout.FailureKey(src.key.String())
		if err != nil {
			return state{}, fmt.Errorf("failure record key: %w", err)
		}
		etag, exists, err := h.sourceOf(ctx, src.out, fk)
		if err != nil {
			return state{}, err
		}
		s.failed = exists && etag == src.etag
		if exists && !s.failed {
			s.staleFailure = fk
		}
	}
	return s, nil
}

// sourceOf returns the source ETag an output records, and whether it exists.
func (h *Handler) sourceOf(ctx context.Context, b osskit.Bucket, key osskit.Key) (string, bool, error) {
	info, err := h.store.HeadObject(ctx, b, key)
	switch {
	case errors.Is(err, osskit.ErrNotFound):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("head output %s/%s: %w", b, key, err)
	}
	return normETag(info.Metadata[MetaSourceETag]), true, nil
}

// extsFor lists the extensions a style's output may have.
func extsFor(f style.Format) []string {
	if f == style.FormatAuto {
		return []string{string(style.FormatJPG), string(style.FormatPNG)}
	}
	return []string{string(f)}
}

// each runs fn(0..n-1) with at most limit running at once.
func each(n, limit int, fn func(i int)) {
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			fn(i)
		})
	}
	wg.Wait()
}
