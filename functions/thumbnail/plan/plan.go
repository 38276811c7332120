// Package plan turns header facts about a source image and a set of OSS IMG
// styles into an exact, pure rendering plan: refuse the source, or decode it
// once (shrunk on load as far as the largest output allows) and derive every
// output from that one decoded image. It does no I/O and imports no image
// library, so every size decision is table-tested without cgo.
package plan

import (
	"errors"

	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

// Plan is what to do with one source.
type Plan struct {
	Source Source
	// Width and Height are the source's oriented size: the logical canvas
	// every auto-oriented output's steps are measured against.
	Width, Height int
	Decode        Decode
	Outputs       []Output
}

// Decode says how far to shrink while decoding. Every output is derived from
// this one decoded image, so it is sized for the most demanding output.
type Decode struct {
	// Scale is the decoded size relative to the source, in (0, 1].
	Scale float64
	// Width and Height are the smallest decoded size that serves every
	// output, in stored (not oriented) orientation.
	Width, Height int
	// JPEGShrink is the libjpeg DCT scaling denominator (1, 2, 4 or 8) for
	// JPEG sources, chosen so the shrunk image is still at least Width×Height; 0 otherwise.
	JPEGShrink int
	// WebPScale is the libwebp scaled-decode factor for WebP sources; 0 otherwise.
	WebPScale float64
}

// Output is one variant: steps in logical pixels, applied in order to the
// decoded image (oriented first when Oriented), then encoded.
type Output struct {
	Name          string
	Oriented      bool // apply the source's EXIF orientation first
	Steps         []Step
	Width, Height int          // final size
	Format        style.Format // resolved: never FormatAuto
	Quality       int          // encoder quality; 0 for png
	Interlace     bool
	KeepAlpha     bool      // source alpha survives (png, webp, avif)
	Flatten       bool      // source alpha is flattened onto Background (jpg)
	Background    style.RGB // flatten and rotate fill
	Strip         bool      // drop EXIF, GPS and XMP
}

// Options are rendering defaults that styles do not set.
type Options struct {
	Background  style.RGB // flatten colour for jpg; OSS fills with white
	JPEGQuality int
	WebPQuality int
	AVIFQuality int
}

// DefaultOptions returns white background, quality 85 for jpg, 80 for WebP
// and 60 for AVIF.
func DefaultOptions() Options {
	return Options{Background: style.White, JPEGQuality: 85, WebPQuality: 80, AVIFQuality: 60}
}

// Build plans set for src within lim. A source or style combination that
// must not be processed returns a *Refusal (permanent); an empty set returns
// a fault.Invalid error. Build never panics on any input.
func Build(src Source, set style.Set, lim Limits, opt Options) (Plan, error) {
	if len(set) == 0 {
		return Plan{}, fault.Wrap(fault.Invalid, "", errors.New("plan: empty style set"))
	}
	if err := lim.check(src); err != nil {
		return Plan{}, err
	}
	p := Plan{Source: src}
	p.Width, p.Height = src.Oriented()
	need := 0.0
	for _, st := range set {
		out, scale, err := planOutput(src, st, opt)
		if err != nil {
			return Plan{}, err
		}
		need = max(need, scale)
		p.Outputs = append(p.Outputs, out)
	}
	p.Decode = decodeFor(src, min(need, 1))
	return p, nil
}

// decodeFor sizes the one decode. Sizes round up so the decoded image never
// falls short of what the largest output needs.
func decodeFor(src Source, scale float64) Decode {
	d := Decode{Scale: scale, Width: ceilScale(src.Width, scale), Height: ceilScale(src.Height, scale)}
	switch src.Format {
	case JPEG:
		d.JPEGShrink = 1
		for _, n := range []int{8, 4, 2} {
			if ceilDiv(src.Width, n) >= d.Width && ceilDiv(src.Height, n) >= d.Height {
				d.JPEGShrink = n
				break
			}
		}
	case WebP:
		d.WebPScale = scale
	}
	return d
}

func planOutput(src Source, st style.Style, opt Options) (Output, float64, error) {
	out := Output{
		Name:       st.Name,
		Oriented:   !st.NoAutoOrient,
		Interlace:  st.Interlace,
		Background: opt.Background,
		Strip:      !st.KeepMetadata,
	}
	w, h := src.Width, src.Height
	if out.Oriented {
		w, h = src.Oriented()
	}
	scale := 1.0
	for _, op := range st.Ops {
		steps, s, err := stepsFor(op, w, h, opt.Background)
		if err != nil {
			return Output{}, 0, annotate(err, st.Name)
		}
		scale *= s
		for _, s := range steps {
			w, h = s.W, s.H
			if err := checkResult(st.Name, w, h, style.MaxTarget); err != nil {
				return Output{}, 0, err
			}
		}
		out.Steps = append(out.Steps, steps...)
	}
	if err := checkResult(st.Name, w, h, style.MaxTarget); err != nil {
		return Output{}, 0, err
	}
	out.Width, out.Height = w, h
	out.Format = st.Format
	if out.Format == style.FormatAuto {
		out.Format = style.FormatJPG
		if src.HasAlpha {
			out.Format = style.FormatPNG
		}
	}
	if out.Format == style.FormatWebP {
		// VP8 stores each side in 14 bits; OSS documents 16,383 as WebP's limit.
		if err := checkResult(st.Name, w, h, 16383); err != nil {
			return Output{}, 0, err
		}
	}
	out.KeepAlpha = src.HasAlpha && out.Format != style.FormatJPG
	out.Flatten = src.HasAlpha && out.Format == style.FormatJPG
	out.Quality = quality(st.Quality, out.Format, src.Quality, opt)
	return out, scale, nil
}

// maxResultPixels is OSS's limit on a resized result (4096²).
const maxResultPixels = 16_777_216

func checkResult(name string, w, h, maxSide int) error {
	if w > maxSide || h > maxSide || int64(w)*int64(h) > maxResultPixels {
		return refuse(ReasonResult, "style %s: result %dx%d exceeds %d per side or %d pixels", name, w, h, maxSide, maxResultPixels)
	}
	return nil
}

func annotate(err error, name string) error {
	var r *Refusal
	if errors.As(err, &r) {
		return &Refusal{Reason: r.Reason, Detail: "style " + name + ": " + r.Detail}
	}
	return err
}
