package vipsrender

import (
	"bytes"
	"encoding/binary"
	"io"
)

// stdLuminance is the JPEG standard's example luminance quantisation table
// (ITU-T T.81 Annex K.1), which libjpeg and Go's image/jpeg scale by quality.
var stdLuminance = [64]int{
	16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
	14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
	18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
	49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
}

// jpegQuality estimates the quality a JPEG was saved at from its luminance
// quantisation table: the libjpeg quality whose scaled standard table has
// the nearest sum. Exact for files from libjpeg-style encoders, an
// approximation otherwise; 0 when buf has no 8-bit table 0 before its
// first scan. OSS's relative quality (`q_`) needs this number.
func jpegQuality(buf []byte) int {
	return jpegQualityAt(bytes.NewReader(buf), int64(len(buf)))
}

// jpegQualityAt is jpegQuality for a source of size bytes read through r:
// it reads segment headers and the quantisation tables, not the pixels.
func jpegQualityAt(r io.ReaderAt, size int64) int {
	table, ok := luminanceTable(r, size)
	if !ok {
		return 0
	}
	sum := 0
	for _, v := range table {
		sum += int(v)
	}
	best, bestDiff := 0, 1<<30
	for q := 1; q <= 100; q++ {
		scale := 200 - 2*q
		if q < 50 {
			scale = 5000 / q
		}
		s := 0
		for _, v := range stdLuminance {
			s += max(1, min(255, (v*scale+50)/100))
		}
		if d := abs(s - sum); d < bestDiff {
			best, bestDiff = q, d
		}
	}
	return best
}

// luminanceTable walks the marker segments up to the first scan and returns
// the 8-bit quantisation table with id 0. Only a DQT segment's body is read
// (at most 64 KiB); other segments, EXIF included, are skipped by length.
func luminanceTable(r io.ReaderAt, size int64) ([]byte, bool) {
	var hdr [4]byte
	for p := int64(2); p+4 <= size; {
		if _, err := r.ReadAt(hdr[:], p); err != nil || hdr[0] != 0xFF {
			return nil, false
		}
		marker := hdr[1]
		if marker == 0xDA || marker == 0xD9 {
			return nil, false
		}
		n := int64(binary.BigEndian.Uint16(hdr[2:]))
		end := p + 2 + n
		if n < 2 || end > size {
			return nil, false
		}
		if marker == 0xDB {
			b := make([]byte, n-2)
			if _, err := r.ReadAt(b, p+4); err != nil {
				return nil, false
			}
			for q := 0; q < len(b); {
				precision, id := b[q]>>4, b[q]&0x0F
				size := 64 * (1 + int(precision&1))
				if q+1+size > len(b) {
					return nil, false
				}
				if id == 0 && precision == 0 {
					return b[q+1 : q+1+size], true
				}
				q += 1 + size
			}
		}
		p = end
	}
	return nil, false
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
