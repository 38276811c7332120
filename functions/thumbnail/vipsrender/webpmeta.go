package vipsrender

import (
	"encoding/binary"
	"errors"
)

// VP8X feature flags for the metadata chunks (WebP container spec:
// https://developers.google.com/speed/webp/docs/riff_container).
const (
	vp8xICC  = 0x20
	vp8xEXIF = 0x08
	vp8xXMP  = 0x04
)

// stripWebPMetadata drops ICCP, EXIF and "XMP " chunks from a WebP file and
// clears their VP8X flags. libvips 8.14's webpsave writes a fresh EXIF block
// even when asked to strip; nothing of the source is in it, but "stripped"
// should mean no metadata at all.
func stripWebPMetadata(b []byte) ([]byte, error) {
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return nil, errors.New("webp: not a RIFF WEBP file")
	}
	out := append(make([]byte, 0, len(b)), b[:12]...)
	for p := 12; p < len(b); {
		if p+8 > len(b) {
			return nil, errors.New("webp: truncated chunk header")
		}
		fourcc := string(b[p : p+4])
		n := int(binary.LittleEndian.Uint32(b[p+4:]))
		end := p + 8 + n + n&1
		if n < 0 || end > len(b) {
			return nil, errors.New("webp: chunk overruns file")
		}
		switch fourcc {
		case "EXIF", "XMP ", "ICCP":
		case "VP8X":
			start := len(out)
			out = append(out, b[p:end]...)
			if n > 0 {
				out[start+8] &^= vp8xICC | vp8xEXIF | vp8xXMP
			}
		default:
			out = append(out, b[p:end]...)
		}
		p = end
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, nil
}
