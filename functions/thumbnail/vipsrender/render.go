package vipsrender

/*
#cgo pkg-config: vips
#include <stdlib.h>
#include "bridge.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

// Renderer executes plans with libvips. It is safe for concurrent use; the
// libvips settings in Config are process-wide and set by the first New.
type Renderer struct {
	cfg     Config
	allowed map[plan.Format]bool
}

// New validates cfg, configures libvips once per process and returns a
// Renderer that probes only the formats in allowed (plan.Limits.Formats).
// Errors are fault.Invalid config errors.
func New(cfg Config, allowed []plan.Format) (*Renderer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fault.Wrap(fault.Invalid, "", err)
	}
	setup(cfg)
	r := &Renderer{cfg: cfg, allowed: map[plan.Format]bool{}}
	for _, f := range allowed {
		r.allowed[f] = true
	}
	return r, nil
}

// Result is one encoded output.
type Result struct {
	Name          string
	Format        style.Format
	ContentType   string
	Width, Height int
	Data          []byte
}

var contentTypes = map[style.Format]string{
	style.FormatJPG: "image/jpeg", style.FormatPNG: "image/png",
	style.FormatWebP: "image/webp", style.FormatAVIF: "image/avif",
}

var saveFormats = map[style.Format]C.int{
	style.FormatJPG: C.OFL_SAVE_JPEG, style.FormatPNG: C.OFL_SAVE_PNG,
	style.FormatWebP: C.OFL_SAVE_WEBP, style.FormatAVIF: C.OFL_SAVE_AVIF,
}

// Thumbnails probes buf, plans set within lim and renders every output.
// Refusals are *plan.Refusal; other errors are as for Probe and Render.
func (r *Renderer) Thumbnails(buf []byte, set style.Set, lim plan.Limits, opt plan.Options) ([]Result, plan.Plan, error) {
	return r.thumbnails(bufInput(buf), set, lim, opt)
}

// ThumbnailsFile is Thumbnails for the image in the file at path. libvips
// reads the file as it decodes (shrink-on-load included), so the compressed
// source is never held in memory whole. Errors are as for Thumbnails, plus
// fault.Unavailable when the file cannot be opened or read.
func (r *Renderer) ThumbnailsFile(path string, set style.Set, lim plan.Limits, opt plan.Options) ([]Result, plan.Plan, error) {
	in, err := openInput(path)
	if err != nil {
		return nil, plan.Plan{}, err
	}
	defer in.close()
	return r.thumbnails(in, set, lim, opt)
}

func (r *Renderer) thumbnails(in *input, set style.Set, lim plan.Limits, opt plan.Options) ([]Result, plan.Plan, error) {
	src, err := r.probe(in)
	if err != nil {
		return nil, plan.Plan{}, err
	}
	p, err := plan.Build(src, set, lim, opt)
	if err != nil {
		return nil, plan.Plan{}, err
	}
	res, err := r.render(in, p)
	return res, p, err
}

// Render decodes buf once as p.Decode says, orients the decoded image once,
// and derives every output from it in memory, up to Config.Parallel at a
// time. It returns all outputs in plan order or an error: ErrCorrupt
// (fault.Invalid) when the pixels do not decode, ErrEncode or ErrPanic
// (fault.Internal) otherwise. Never a partial set.
func (r *Renderer) Render(buf []byte, p plan.Plan) ([]Result, error) {
	return r.render(bufInput(buf), p)
}

// RenderFile is Render for the image in the file at path; errors are as
// for Render, plus fault.Unavailable when the file cannot be read.
func (r *Renderer) RenderFile(path string, p plan.Plan) ([]Result, error) {
	in, err := openInput(path)
	if err != nil {
		return nil, err
	}
	defer in.close()
	return r.render(in, p)
}

func (r *Renderer) render(in *input, p plan.Plan) (res []Result, err error) {
	defer recoverInto(&err)
	kind, ok := loaderKinds[p.Source.Format]
	if !ok || Sniff(in.head) != p.Source.Format {
		return nil, unsupported(string(p.Source.Format))
	}
	decoded, err := decode(in, kind, p.Decode)
	if err != nil {
		return nil, err
	}
	defer C.ofl_unref(decoded)
	oriented := decoded
	if o := p.Source.Orientation; o > 1 && o <= 8 && needsOrientation(p) {
		var cerr *C.char
		if C.ofl_orient(decoded, C.int(o), &oriented, &cerr) != 0 {
			return nil, corrupt("orient", takeCString(cerr))
		}
		defer C.ofl_unref(oriented)
	}
	res = make([]Result, len(p.Outputs))
	errs := make([]error, len(p.Outputs))
	sem := make(chan struct{}, r.cfg.Parallel)
	var wg sync.WaitGroup
	for i, out := range p.Outputs {
		img, lw, lh := decoded, p.Source.Width, p.Source.Height
		if out.Oriented {
			img, lw, lh = oriented, p.Width, p.Height
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			defer recoverInto(&errs[i])
			res[i], errs[i] = renderOne(img, lw, lh, out, p.Source.Orientation > 1)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return res, nil
}

func needsOrientation(p plan.Plan) bool {
	for _, o := range p.Outputs {
		if o.Oriented {
			return true
		}
	}
	return false
}

func decode(in *input, kind C.int, d plan.Decode) (*C.VipsImage, error) {
	if in.size == 0 {
		return nil, corrupt("decode", "empty input")
	}
	var img *C.VipsImage
	var cerr *C.char
	path, buf, n := in.args()
	if C.ofl_decode(path, buf, n, kind, C.int(d.JPEGShrink), C.double(d.WebPScale),
		C.int(max(d.Width, 1)), C.int(max(d.Height, 1)), &img, &cerr) != 0 {
		return nil, corrupt("decode", takeCString(cerr))
	}
	return img, nil
}

func renderOne(img *C.VipsImage, lw, lh int, out plan.Output, tagged bool) (Result, error) {
	steps := make([]C.ofl_step_t, max(len(out.Steps), 1))
	for i, s := range out.Steps {
		steps[i] = C.ofl_step_t{kind: C.int(s.Kind), w: C.int(s.W), h: C.int(s.H), x: C.int(s.X), y: C.int(s.Y),
			degrees: C.int(s.Degrees), sigma: C.double(s.Sigma), bg: rgb(s.Background)}
	}
	save := C.ofl_save_t{format: saveFormats[out.Format], quality: C.int(out.Quality),
		interlace: cbool(out.Interlace), strip: cbool(out.Strip), flatten: cbool(out.Flatten),
		reset_orientation: cbool(out.Oriented && tagged), bg: rgb(out.Background)}
	var ptr unsafe.Pointer
	var n C.size_t
	var w, h C.int
	var cerr *C.char
	if C.ofl_render(img, C.int(lw), C.int(lh), &steps[0], C.int(len(out.Steps)), &save, &ptr, &n, &w, &h, &cerr) != 0 {
		return Result{}, fault.Wrap(fault.Internal, "", vipsError(ErrEncode, "render "+out.Name, takeCString(cerr)))
	}
	data := C.GoBytes(ptr, C.int(n))
	C.g_free(C.gpointer(ptr))
	if out.Strip && out.Format == style.FormatWebP {
		var err error
		if data, err = stripWebPMetadata(data); err != nil {
			return Result{}, fault.Wrap(fault.Internal, "", fmt.Errorf("render %s: %w: %v", out.Name, ErrEncode, err))
		}
	}
	return Result{Name: out.Name, Format: out.Format, ContentType: contentTypes[out.Format],
		Width: int(w), Height: int(h), Data: data}, nil
}

func rgb(c style.RGB) [3]C.double {
	return [3]C.double{C.double(c.R), C.double(c.G), C.double(c.B)}
}

func cbool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// recoverInto turns a panic into a fault.Internal error: bad input must
// never take the process down.
func recoverInto(err *error) {
	if v := recover(); v != nil {
		*err = fault.Wrap(fault.Internal, "", fmt.Errorf("%w: %v", ErrPanic, v))
	}
}
