// Package style parses image styles written in Alibaba Cloud OSS IMG syntax
// (`image/resize,m_lfit,w_320,h_320/format,webp/quality,Q_75`) into typed
// values, so users can reuse the vocabulary they already know from
// `x-oss-process`. It only parses and validates; what a style does to a given
// image is decided by the plan package.
//
// Semantics and limits follow the OSS documentation:
//   - resize: https://www.alibabacloud.com/help/en/doc-detail/44688.html
//   - crop: https://www.alibabacloud.com/help/en/doc-detail/44693.htm
//   - rotate: https://www.alibabacloud.com/help/doc-detail/44690.htm
//   - auto-orient: https://www.alibabacloud.com/help/doc-detail/44691.htm
//   - format: https://alibabacloud.com/help/en/oss/user-guide/convert-image-formats-2
//   - quality: https://help.aliyun.com/en/oss/user-guide/adjust-image-quality
//   - interlace: https://help.aliyun.com/en/oss/user-guide/gradual-display
//   - blur: https://www.alibabacloud.com/help/doc-detail/44701.htm
//
// `strip,0|1` is ossflow's own action (OSS has none): 1, the default, drops
// EXIF, GPS and XMP metadata from outputs.
package style

import (
	"fmt"
	"strings"
)

// Style is one parsed style: geometric operations applied in the order
// written, plus output settings that apply once, whatever their position.
type Style struct {
	// Name is the style's name in a set ("sm"); empty for an anonymous style.
	Name string
	// Ops are resize, crop, rotate and blur steps, in the order written.
	Ops []Op
	// Format is the output format; FormatAuto lets the plan choose.
	Format Format
	// Quality is the requested JPEG/WebP quality; zero value means default.
	Quality Quality
	// Interlace asks for a progressive JPEG or interlaced PNG.
	Interlace bool
	// NoAutoOrient is true for `auto-orient,0`: pixels keep their stored
	// orientation. OSS documents auto-orient's default as 1.
	NoAutoOrient bool
	// KeepMetadata is true for `strip,0`.
	KeepMetadata bool
}

// Op is one geometric step: *Resize, *Crop, *Rotate or *Blur.
type Op interface {
	// String returns the step in canonical OSS syntax, e.g. "resize,m_fill,w_200,h_200".
	String() string
	op()
}

// Format is an output image format name as OSS spells it.
type Format string

// Output formats. FormatAuto means "jpg, or png when the source has alpha".
const (
	FormatAuto Format = ""
	FormatJPG  Format = "jpg"
	FormatPNG  Format = "png"
	FormatWebP Format = "webp"
	FormatAVIF Format = "avif"
)

// Quality is a JPEG/WebP quality request. OSS has two forms: `q_N` relative
// to the source's quality, `Q_N` absolute (never raising a lower source
// quality). Value 0 means "not set".
type Quality struct {
	Value    int
	Relative bool
}

// RGB is an opaque colour, written as six hex digits in OSS styles.
type RGB struct{ R, G, B uint8 }

// White is OSS's default pad and flatten colour.
var White = RGB{255, 255, 255}

// String returns the colour as six upper-case hex digits.
func (c RGB) String() string { return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B) }

// String returns the style in canonical form: geometric steps in order, then
// non-default settings in a fixed order. Parse(s.String()) equals s (minus Name).
func (s Style) String() string {
	parts := []string{"image"}
	for _, op := range s.Ops {
		parts = append(parts, op.String())
	}
	if s.NoAutoOrient {
		parts = append(parts, "auto-orient,0")
	}
	if s.Format != FormatAuto {
		parts = append(parts, "format,"+string(s.Format))
	}
	if s.Quality.Value != 0 {
		k := "Q"
		if s.Quality.Relative {
			k = "q"
		}
		parts = append(parts, fmt.Sprintf("quality,%s_%d", k, s.Quality.Value))
	}
	if s.Interlace {
		parts = append(parts, "interlace,1")
	}
	if s.KeepMetadata {
		parts = append(parts, "strip,0")
	}
	if len(parts) == 1 {
		// A style of defaults only still needs one action to parse back.
		parts = append(parts, "auto-orient,1")
	}
	return strings.Join(parts, "/")
}
