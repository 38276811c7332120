package vipsrender

import (
	"image"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// photo is a photo-like test picture: smooth colour gradients, a few
// shapes, and mild deterministic noise, like a camera sensor's.
func photo(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	seed := uint32(2463534242)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			n := float64(seed%17) - 8
			r := 255*float64(x)/float64(w) + n
			g := 255*float64(y)/float64(h) + n
			b := 128 + 90*math.Sin(float64(x)/float64(w)*9)*math.Cos(float64(y)/float64(h)*7) + n
			if dx, dy := x-w/3, y-h/3; dx*dx+dy*dy < (h/6)*(h/6) {
				r, g, b = 240+n, 200+n, 40+n
			}
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = clamp(r), clamp(g), clamp(b), 255
		}
	}
	return img
}

func clamp(v float64) uint8 { return uint8(max(0, min(255, math.Round(v)))) }

// meanAbsDiff is the mean absolute difference per channel (0..255) of two
// same-sized images.
func meanAbsDiff(t *testing.T, a, b image.Image) float64 {
	t.Helper()
	if a.Bounds().Size() != b.Bounds().Size() {
		t.Fatalf("sizes differ: %v vs %v", a.Bounds().Size(), b.Bounds().Size())
	}
	var sum float64
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	for y := range h {
		for x := range w {
			p, q := rgbaAt(a, x, y), rgbaAt(b, x, y)
			for c := range 3 {
				sum += math.Abs(float64(p[c] - q[c]))
			}
		}
	}
	return sum / float64(w*h*3)
}

// Our outputs against vipsthumbnail's (which auto-rotates, shrinks on load
// and centre-crops with --smartcrop centre): same size, and on average
// within 2 levels of 255 per channel — what a person sees as the same picture.
func TestMatchesVipsthumbnail(t *testing.T) {
	dir := t.TempDir()
	src := withOrientation(encJPEG(t, stored(photo(1600, 1200), 6)), 6)
	in := filepath.Join(dir, "src.jpg")
	if err := os.WriteFile(in, src, 0o600); err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t)
	tests := []struct {
		style string
		args  []string
	}{
		{"a=image/resize,w_640,h_640/format,png", []string{"-s", "640x640"}},
		{"a=image/resize,m_fill,w_200,h_200/format,png", []string{"-s", "200x200", "--smartcrop", "centre"}},
		{"a=image/resize,w_300/format,webp/quality,Q_90", []string{"-s", "300x"}},
	}
	for _, tt := range tests {
		out := filepath.Join(dir, "ref.png")
		vipsCLI(t, "vipsthumbnail", append([]string{in, "-o", out}, tt.args...)...)
		ref, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		res := mustRender(t, r, src, tt.style)
		if d := meanAbsDiff(t, decodeAny(t, res[0].Data), decodeAny(t, ref)); d > 2 {
			t.Errorf("%s: mean difference from vipsthumbnail %.2f; want <= 2", tt.style, d)
		} else {
			t.Logf("%s: mean difference from vipsthumbnail %.2f", tt.style, d)
		}
	}
}
