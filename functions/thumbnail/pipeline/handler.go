package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/thumbnail/config"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// User metadata every output carries (stored as x-oss-meta-<name>). An
// object with MetaSourceETag is an output of this function and is never
// processed as a source.
const (
	MetaSourceETag = "source-etag"
	MetaStyle      = "style"
)

// Store is what the handler needs from the object store.
type Store interface {
	osskit.ObjectHeader
	osskit.ObjectGetter
	osskit.ObjectPutter
	osskit.ObjectDeleter
}

// Deps are the adapters main joins to the handler.
type Deps struct {
	Store    Store
	Renderer Renderer
	// Clock stamps failure records and times the work; nil means time.Now.
	Clock func() time.Time
}

// Handler processes object-created records. It is safe for concurrent use.
type Handler struct {
	cfg   config.Config
	store Store
	rend  Renderer
	clock func() time.Time
	slots chan struct{} // bounds concurrent renders (cfg.MaxRenders)
}

// New validates cfg and returns a Handler. A config that does not validate
// or a missing Store or Renderer returns a fault.Invalid error.
func New(cfg config.Config, d Deps) (*Handler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fault.Wrap(fault.Invalid, "", err)
	}
	if d.Store == nil || d.Renderer == nil {
		return nil, fault.New(fault.Invalid, "pipeline: Store and Renderer are required")
	}
	if d.Clock == nil {
		d.Clock = time.Now
	}
	return &Handler{cfg: cfg, store: d.Store, rend: d.Renderer, clock: d.Clock, slots: make(chan struct{}, cfg.MaxRenders)}, nil
}

// source is one record's validated names and the version being processed.
type source struct {
	bucket, out osskit.Bucket
	key         osskit.Key
	info        osskit.ObjectInfo
	etag        string
}

// Handle processes one record; pass it to serve.Objects. It returns nil
// when the record needs no work, when every variant was written, and after
// a permanent failure has been recorded. Otherwise the error carries a
// fault kind: Unavailable (or Internal, for a renderer bug or panic) means
// FC should re-deliver; Invalid, Forbidden and the like mean a retry cannot
// help (e.g. an event whose key cannot be mapped to output keys).
func (h *Handler) Handle(ctx context.Context, ev events.ObjectEvent) error {
	start := h.clock()
	log := zerolog.Ctx(ctx).With().Str("bucket", ev.Bucket).Str("key", ev.Key).Str("event", ev.Name).Logger()
	ctx = log.WithContext(ctx)
	if why := h.skip(ev); why != "" {
		log.Info().Str("reason", why).Msg("record ignored")
		return nil
	}
	src, err := h.names(ev)
	if err != nil {
		return err
	}
	src.info, err = h.store.HeadObject(ctx, src.bucket, src.key)
	switch {
	case errors.Is(err, osskit.ErrNotFound):
		log.Info().Msg("source no longer exists (deleted before processing); nothing to do")
		return nil
	case err != nil:
		return fmt.Errorf("head source %s/%s: %w", src.bucket, src.key, err)
	}
	if v, own := src.info.Metadata[MetaSourceETag]; own {
		log.Info().Str("sourceETag", v).Msg("record ignored: the object carries x-oss-meta-source-etag, it is an output of this function")
		return nil
	}
	src.etag = normETag(src.info.ETag)
	if ev.ETag != "" && normETag(ev.ETag) != src.etag {
		log.Info().Str("eventETag", normETag(ev.ETag)).Str("currentETag", src.etag).
			Msg("source replaced since the event; processing the current version")
	}
	err = h.process(ctx, &src)
	if err == nil {
		zerolog.Ctx(ctx).Debug().Dur("elapsed", h.clock().Sub(start)).Msg("record done")
	}
	return err
}

// skip says why a record needs no work, or returns "".
func (h *Handler) skip(ev events.ObjectEvent) string {
	l := h.cfg.Layout
	switch {
	case !finishedUpload(ev.Name):
		return "not a finished upload (only Put, Post, Copy and CompleteMultipartUpload are processed)"
	case l.Bucket(ev.Bucket) == ev.Bucket && l.IsOutput(ev.Key):
		return "key is under the output or failure prefix: outputs are never processed (check the trigger's prefix filter)"
	case !l.IsSource(ev.Key):
		return "key is outside the source prefix " + l.SourcePrefix
	}
	return ""
}

// finishedUpload reports whether name announces a complete object. FC
// spells names "ObjectCreated:PutObject", S3 "ObjectCreated:Put".
// AppendObject is skipped: an appendable object is never finished, and
// each append would re-render a partial image.
func finishedUpload(name string) bool {
	switch name {
	case "ObjectCreated:PutObject", "ObjectCreated:Put",
		"ObjectCreated:PostObject", "ObjectCreated:Post",
		"ObjectCreated:CopyObject", "ObjectCreated:Copy",
		"ObjectCreated:CompleteMultipartUpload":
		return true
	}
	return false
}

func (h *Handler) names(ev events.ObjectEvent) (source, error) {
	b, err := osskit.NewBucket(ev.Bucket)
	if err != nil {
		return source{}, fmt.Errorf("event bucket: %w", err)
	}
	k, err := osskit.NewKey(ev.Key)
	if err != nil {
		return source{}, fmt.Errorf("event key: %w", err)
	}
	out, err := osskit.NewBucket(h.cfg.Layout.Bucket(ev.Bucket))
	if err != nil {
		return source{}, fmt.Errorf("output bucket: %w", err)
	}
	return source{bucket: b, key: k, out: out}, nil
}
