package vipsrender

import (
	"bytes"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
)

// Sniff names buf's format from its first bytes, the way a loader would,
// without calling libvips: a format is refused before any decoder sees it.
// SVG and PDF are recognised so they can be refused by name; anything else
// unrecognised is plan.Unknown.
func Sniff(buf []byte) plan.Format {
	switch {
	case bytes.HasPrefix(buf, []byte{0xFF, 0xD8, 0xFF}):
		return plan.JPEG
	case bytes.HasPrefix(buf, []byte("\x89PNG\r\n\x1a\n")):
		return plan.PNG
	case bytes.HasPrefix(buf, []byte("GIF87a")), bytes.HasPrefix(buf, []byte("GIF89a")):
		return plan.GIF
	case len(buf) >= 12 && string(buf[:4]) == "RIFF" && string(buf[8:12]) == "WEBP":
		return plan.WebP
	case bytes.HasPrefix(buf, []byte("II*\x00")), bytes.HasPrefix(buf, []byte("MM\x00*")):
		return plan.TIFF
	case len(buf) >= 12 && string(buf[4:8]) == "ftyp":
		switch string(buf[8:12]) {
		case "avif", "avis":
			return plan.AVIF
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
			return plan.HEIF
		}
	case bytes.HasPrefix(buf, []byte("%PDF")):
		return plan.PDF
	case looksLikeSVG(buf):
		return plan.SVG
	}
	return plan.Unknown
}

// SniffFile is Sniff for the file at path, reading only its first KiB. A
// file that cannot be opened or read is a fault.Unavailable error.
func SniffFile(path string) (plan.Format, error) {
	in, err := openInput(path)
	if err != nil {
		return plan.Unknown, err
	}
	defer in.close()
	return Sniff(in.head), nil
}

// looksLikeSVG checks the first KiB for an <svg element, after optional
// XML declaration, comments or doctype: enough to refuse it by name.
func looksLikeSVG(buf []byte) bool {
	head := buf[:min(len(buf), 1024)]
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	return bytes.HasPrefix(head, []byte("<")) && bytes.Contains(bytes.ToLower(head), []byte("<svg"))
}
