package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

// Renderer makes every variant of one source (vipsrender.Renderer,
// adapted in main).
type Renderer interface {
	// ThumbnailsFile renders the image in the file at path (the pipeline's
	// temp copy of the source, which it removes afterwards) and returns one
	// Rendition per style of set, in set order, or an error and nothing.
	// Errors of kind fault.Invalid or fault.TooLarge (a *plan.Refusal, a
	// corrupt or unsupported image) are permanent; any other kind is
	// treated as transient or a bug and retried.
	ThumbnailsFile(path string, set style.Set, lim plan.Limits, opt plan.Options) ([]Rendition, error)
}

// Rendition is one encoded variant. Its fields match vipsrender.Result, so
// main converts one into the other without copying the data.
type Rendition struct {
	Name          string
	Format        style.Format
	ContentType   string
	Width, Height int
	Data          []byte
}

// acquire waits for one of cfg.MaxRenders slots; the caller must call
// release. Waiting past the invocation's deadline is transient.
func (h *Handler) acquire(ctx context.Context) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-ctx.Done():
		return nil, fault.Wrap(fault.Unavailable, "", fmt.Errorf("waiting for a render slot: %w", ctx.Err()))
	}
}

// render runs the renderer, turns a panic into a fault.Internal error, and
// checks that the result is a complete set.
func (h *Handler) render(ctx context.Context, path string) (rs []Rendition, err error) {
	defer func() {
		if v := recover(); v != nil {
			zerolog.Ctx(ctx).Error().Str("panic", fmt.Sprint(v)).Str("stack", string(debug.Stack())).Msg("renderer panicked")
			rs, err = nil, fault.Wrap(fault.Internal, "", fmt.Errorf("renderer panicked: %v", v))
		}
	}()
	rs, err = h.rend.ThumbnailsFile(path, h.cfg.Styles, h.cfg.Limits, h.cfg.Options)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if err := complete(rs, h.cfg.Styles); err != nil {
		return nil, fault.Wrap(fault.Internal, "", err)
	}
	return rs, nil
}

// complete checks the renderer kept its contract: a non-empty output of a
// known format for every style, in order. A short set must never be
// written as if it were whole.
func complete(rs []Rendition, set style.Set) error {
	if len(rs) != len(set) {
		return fmt.Errorf("renderer returned %d outputs for %d styles", len(rs), len(set))
	}
	for i, r := range rs {
		switch {
		case r.Name != set[i].Name:
			return fmt.Errorf("renderer output %d is %q; want style %q", i, r.Name, set[i].Name)
		case len(r.Data) == 0:
			return fmt.Errorf("renderer output %q is empty", r.Name)
		case r.Format == style.FormatAuto || r.ContentType == "":
			return fmt.Errorf("renderer output %q has no format or content type", r.Name)
		}
	}
	return nil
}
