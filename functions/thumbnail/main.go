// Command thumbnail renders every configured style of each uploaded image (packages
// pipeline, vipsrender); config documents THUMB_* and MALLOC_ARENA_MAX=2; OSS_* the client.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/ossflow/ossflow/functions/thumbnail/config"
	"github.com/ossflow/ossflow/functions/thumbnail/pipeline"
	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/functions/thumbnail/vipsrender"
	"github.com/ossflow/ossflow/pkg/envconfig"
	"github.com/ossflow/ossflow/pkg/events/serve"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
	"github.com/rs/zerolog"
)

func main() { serve.Start("thumbnail", setup) }

// setup loads all config at cold start and joins OSS and libvips to the pipeline.
func setup(ctx context.Context) (serve.Handler, error) {
	cfg, err := config.Load(os.LookupEnv)
	l := envconfig.New(os.LookupEnv)
	ossCfg := ossclient.LoadConfig(l)
	if err = errors.Join(err, l.Err()); err != nil {
		return nil, fmt.Errorf("thumbnail config: %w", err)
	}
	for _, w := range cfg.Warnings {
		zerolog.Ctx(ctx).Warn().Msg(w)
	}
	store, err := ossclient.New(ossCfg)
	if err != nil {
		return nil, err
	}
	r, err := vipsrender.New(vipsrender.Config{Threads: cfg.VipsThreads, Parallel: cfg.Parallel}, cfg.Limits.Formats)
	if err != nil {
		return nil, err
	}
	h, err := pipeline.New(cfg, pipeline.Deps{Store: store, Renderer: renderer{r}})
	if err != nil {
		return nil, err
	}
	return serve.Objects(h.Handle), nil
}

// renderer adapts vipsrender; its Result converts to Rendition field for field.
type renderer struct{ r *vipsrender.Renderer }

func (a renderer) ThumbnailsFile(path string, set style.Set, lim plan.Limits, opt plan.Options) ([]pipeline.Rendition, error) {
	res, _, err := a.r.ThumbnailsFile(path, set, lim, opt)
	out := make([]pipeline.Rendition, len(res))
	for i, r := range res {
		out[i] = pipeline.Rendition(r)
	}
	return out, err
}
