package vipsrender

/*
#cgo pkg-config: vips
#include <stdlib.h>
#include "bridge.h"
*/
import "C"

import (
	"unsafe"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
)

// loaderKinds maps a sniffed format to the only loader it may reach.
var loaderKinds = map[plan.Format]C.int{
	plan.JPEG: C.OFL_JPEG,
	plan.PNG:  C.OFL_PNG,
	plan.GIF:  C.OFL_GIF,
	plan.WebP: C.OFL_WEBP,
	plan.TIFF: C.OFL_TIFF,
	plan.HEIF: C.OFL_HEIF,
	plan.AVIF: C.OFL_HEIF,
}

// Probe reads buf's header, not its pixels, and returns the facts plan.Build
// needs. A format that is not sniffed as a raster format returns a Source
// with only Format and Bytes set and no error, so the plan refuses it by name
// (SVG and PDF never reach libvips). A raster format without a decoder here
// returns ErrUnsupported; a header that does not parse returns ErrCorrupt.
// Both are fault.Invalid (permanent).
func (r *Renderer) Probe(buf []byte) (plan.Source, error) {
	return r.probe(bufInput(buf))
}

// ProbeFile is Probe for the image in the file at path: Go reads only its
// first KiB (and a JPEG's marker segments), libvips only its header. A file
// that cannot be opened or read is fault.Unavailable; otherwise errors are
// as for Probe.
func (r *Renderer) ProbeFile(path string) (plan.Source, error) {
	in, err := openInput(path)
	if err != nil {
		return plan.Source{}, err
	}
	defer in.close()
	return r.probe(in)
}

func (r *Renderer) probe(in *input) (src plan.Source, err error) {
	defer recoverInto(&err)
	src = plan.Source{Format: Sniff(in.head), Bytes: in.size}
	if !r.allowed[src.Format] {
		return src, nil
	}
	if !loaderAvailable(src.Format) {
		return plan.Source{}, unsupported(string(src.Format))
	}
	if in.size == 0 {
		return plan.Source{}, corrupt("probe", "empty input")
	}
	var p C.ofl_probe_t
	var cerr *C.char
	path, buf, n := in.args()
	// The header is read and the image released inside this call.
	if C.ofl_probe(path, buf, n, loaderKinds[src.Format], &p, &cerr) != 0 {
		return plan.Source{}, corrupt("probe "+string(src.Format), takeCString(cerr))
	}
	src.Width, src.Height = int(p.width), int(p.height)
	src.Orientation = int(p.orientation)
	src.HasAlpha = p.has_alpha != 0
	src.Pages = int(p.pages)
	if src.Format == plan.JPEG {
		src.Quality = jpegQualityAt(in.at, in.size)
	}
	return src, nil
}

func takeCString(s *C.char) string {
	if s == nil {
		return ""
	}
	defer C.g_free(C.gpointer(unsafe.Pointer(s)))
	return C.GoString(s)
}
