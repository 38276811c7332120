package plan

import (
	"errors"
	"fmt"
	"slices"
)

// Format is a source image format as sniffed from its first bytes.
type Format string

// Source formats the sniffer can name. Only raster formats can be allowed;
// SVG and PDF are named so they can be refused by name.
const (
	JPEG    Format = "jpeg"
	PNG     Format = "png"
	GIF     Format = "gif"
	WebP    Format = "webp"
	TIFF    Format = "tiff"
	HEIF    Format = "heif"
	AVIF    Format = "avif"
	SVG     Format = "svg"
	PDF     Format = "pdf"
	Unknown Format = "unknown"
)

var rasterFormats = []Format{JPEG, PNG, GIF, WebP, TIFF, HEIF, AVIF}

// Source is what the header says about an image, learned without decoding
// its pixels.
type Source struct {
	Width, Height int    // stored (not oriented) size in pixels
	Format        Format // sniffed container format
	Orientation   int    // EXIF orientation 1..8; anything else is treated as 1
	HasAlpha      bool
	Pages         int   // frames or pages; 0 is read as 1
	Bytes         int64 // encoded size
	// Quality is the source's estimated JPEG quality, 0 when unknown; it
	// makes `q_` (relative) and `Q_` (never raise) quality work as OSS says.
	Quality int
}

func (s Source) orientation() int {
	if s.Orientation < 1 || s.Orientation > 8 {
		return 1
	}
	return s.Orientation
}

// Oriented returns the size after the EXIF orientation is applied: width and
// height swap for orientations 5..8 (transpose and the 90° rotations).
func (s Source) Oriented() (w, h int) {
	if s.orientation() >= 5 {
		return s.Height, s.Width
	}
	return s.Width, s.Height
}

// Limits bound what a source may cost before any pixel is decoded.
type Limits struct {
	MaxBytes  int64    // largest encoded source read
	MaxPixels int64    // width × height × frames, as OSS counts animated images
	MaxSide   int      // longest side
	MaxFrames int      // most frames or pages
	Formats   []Format // allowed source formats; anything else is refused
}

// DefaultLimits are OSS IMG's documented source limits (20 MB, 30,000 px per
// side, 250 MP; https://help.aliyun.com/zh/oss/user-guide/resize-images-4),
// 1000 frames, and the raster formats libvips reads without delegating to
// an external program. SVG and PDF are not allowed.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:  20 << 20,
		MaxPixels: 250_000_000,
		MaxSide:   30_000,
		MaxFrames: 1000,
		Formats:   []Format{JPEG, PNG, GIF, WebP, TIFF, HEIF, AVIF},
	}
}

// Validate returns every problem with l joined into one error: each limit
// must be positive, and Formats must be non-empty raster formats (SVG and PDF
// are never allowed: their loaders can fetch external resources).
func (l Limits) Validate() error {
	var errs []error
	if l.MaxBytes <= 0 {
		errs = append(errs, errors.New("limits: MaxBytes must be > 0"))
	}
	if l.MaxPixels <= 0 {
		errs = append(errs, errors.New("limits: MaxPixels must be > 0"))
	}
	if l.MaxSide <= 0 {
		errs = append(errs, errors.New("limits: MaxSide must be > 0"))
	}
	if l.MaxFrames <= 0 {
		errs = append(errs, errors.New("limits: MaxFrames must be > 0"))
	}
	if len(l.Formats) == 0 {
		errs = append(errs, errors.New("limits: Formats must not be empty"))
	}
	for _, f := range l.Formats {
		if !slices.Contains(rasterFormats, f) {
			errs = append(errs, fmt.Errorf("limits: format %q cannot be allowed (raster formats only: jpeg, png, gif, webp, tiff, heif, avif)", f))
		}
	}
	return errors.Join(errs...)
}

// check refuses a source that breaks a limit, before anything is decoded.
func (l Limits) check(s Source) error {
	pages := max(s.Pages, 1)
	switch {
	case !slices.Contains(l.Formats, s.Format):
		return refuse(ReasonFormat, "source format %s is not allowed", s.Format)
	case s.Bytes > l.MaxBytes:
		return refuse(ReasonBytes, "source is %d bytes; limit %d", s.Bytes, l.MaxBytes)
	case s.Width <= 0 || s.Height <= 0:
		return refuse(ReasonHeader, "header gives size %dx%d", s.Width, s.Height)
	case s.Width > l.MaxSide || s.Height > l.MaxSide:
		return refuse(ReasonSide, "source is %dx%d; longest side allowed %d", s.Width, s.Height, l.MaxSide)
	case pages > l.MaxFrames:
		return refuse(ReasonFrames, "source has %d frames; limit %d", pages, l.MaxFrames)
	case int64(s.Width)*int64(s.Height)*int64(pages) > l.MaxPixels:
		return refuse(ReasonPixels, "source is %dx%dx%d pixels; limit %d", s.Width, s.Height, pages, l.MaxPixels)
	}
	return nil
}
