package vipsrender

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/h2non/bimg"
)

// The corpus is generated at test time with the standard library (and the
// libvips CLI for CMYK), so nothing large is committed.

var (
	red   = color.NRGBA{220, 20, 20, 255}
	blue  = color.NRGBA{20, 20, 220, 255}
	green = color.NRGBA{20, 200, 20, 255}
	grey  = color.NRGBA{128, 128, 128, 255}
)

// upright is the picture as a person should see it: grey, a red block in
// the top-left corner and a blue block in the top-right.
func upright(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := grey
			switch {
			case x < w/4 && y < h/4:
				c = red
			case x >= w-w/4 && y < h/4:
				c = blue
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// stored returns how a camera stores the upright picture under EXIF
// orientation o: the inverse of the transform a viewer applies.
func stored(up *image.NRGBA, o int) *image.NRGBA {
	w, h := up.Bounds().Dx(), up.Bounds().Dy()
	sw, sh := w, h
	if o >= 5 {
		sw, sh = h, w
	}
	out := image.NewNRGBA(image.Rect(0, 0, sw, sh))
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			// (x, y) in stored space maps to (ux, uy) in upright space.
			var ux, uy int
			switch o {
			case 1:
				ux, uy = x, y
			case 2:
				ux, uy = sw-1-x, y
			case 3:
				ux, uy = sw-1-x, sh-1-y
			case 4:
				ux, uy = x, sh-1-y
			case 5:
				ux, uy = y, x
			case 6:
				ux, uy = sh-1-y, x
			case 7:
				ux, uy = sh-1-y, sw-1-x
			case 8:
				ux, uy = y, sw-1-x
			}
			out.SetNRGBA(x, y, up.NRGBAAt(ux, uy))
		}
	}
	return out
}

func encJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encPNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withOrientation inserts an EXIF APP1 segment holding only IFD0
// Orientation = o right after the JPEG's SOI marker.
func withOrientation(jpg []byte, o int) []byte {
	exif := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
	binary.BigEndian.PutUint16(exif[24:], uint16(o))
	seg := append([]byte{0xFF, 0xE1, 0, 0}, exif...)
	binary.BigEndian.PutUint16(seg[2:], uint16(len(exif)+2))
	return append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
}

// jpegClaiming rewrites the SOF0 frame size of a real JPEG: a tiny file
// whose header claims an enormous image.
func jpegClaiming(t testing.TB, w, h int) []byte {
	b := encJPEG(t, upright(16, 16))
	for i := 2; i+9 < len(b); i++ {
		if b[i] == 0xFF && b[i+1] == 0xC0 {
			binary.BigEndian.PutUint16(b[i+5:], uint16(h))
			binary.BigEndian.PutUint16(b[i+7:], uint16(w))
			return b
		}
	}
	t.Fatal("no SOF0 in generated JPEG")
	return nil
}

// hugePNG is a valid PNG header for a w×h RGB image followed by a few
// compressed rows: a decompression bomb's header in a few hundred bytes.
func hugePNG(w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

func animatedGIF(t testing.TB) []byte {
	pal := color.Palette{red, green, blue}
	var g gif.GIF
	for i := range 3 {
		fr := image.NewPaletted(image.Rect(0, 0, 40, 30), pal)
		for j := range fr.Pix {
			fr.Pix[j] = uint8(i)
		}
		g.Image = append(g.Image, fr)
		g.Delay = append(g.Delay, 10)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, &g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// vipsCLI runs the libvips command-line tools (Debian: libvips-tools); the
// test is skipped, saying so, when they are missing.
func vipsCLI(t testing.TB, name string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (Debian package libvips-tools)", name)
	}
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func cmykJPEG(t testing.TB) []byte {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.png"), filepath.Join(dir, "cmyk.jpg")
	img := image.NewNRGBA(image.Rect(0, 0, 64, 48))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{200, 50, 20, 255})
	}
	os.WriteFile(in, encPNG(t, img), 0o600)
	vipsCLI(t, "vips", "colourspace", in, out+"[Q=95,strip]", "cmyk")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodeAny decodes an output for pixel checks; WebP goes through libvips
// (bimg) to PNG first, since the standard library has no WebP decoder.
func decodeAny(t testing.TB, b []byte) image.Image {
	t.Helper()
	if bimg.DetermineImageType(b) == bimg.WEBP {
		var err error
		if b, err = bimg.NewImage(b).Convert(bimg.PNG); err != nil {
			t.Fatal(err)
		}
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode output: %v", err)
	}
	return img
}

func rgbaAt(img image.Image, x, y int) [4]int {
	c := color.NRGBAModel.Convert(img.At(img.Bounds().Min.X+x, img.Bounds().Min.Y+y)).(color.NRGBA)
	return [4]int{int(c.R), int(c.G), int(c.B), int(c.A)}
}

func near(a [4]int, c color.NRGBA, tol int) bool {
	b := [4]int{int(c.R), int(c.G), int(c.B), int(c.A)}
	for i := range a {
		if d := a[i] - b[i]; d > tol || d < -tol {
			return false
		}
	}
	return true
}
