package testimage

import (
	"bytes"
	"image/jpeg"
	"testing"
)

func TestJPEGSizeAndGradient(t *testing.T) {
	b := JPEG(t, 320, 200)
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != 320 || got.Y != 200 {
		t.Fatalf("size = %v; want 320x200", got)
	}
	lr, _, _, _ := img.At(2, 100).RGBA()
	rr, _, _, _ := img.At(317, 100).RGBA()
	_, tg, _, _ := img.At(160, 2).RGBA()
	_, bg, _, _ := img.At(160, 197).RGBA()
	if lr >= rr || tg >= bg {
		t.Errorf("gradient lost: red %d→%d left to right, green %d→%d top to bottom", lr, rr, tg, bg)
	}
	if &JPEG(t, 320, 200)[0] != &b[0] {
		t.Error("second call re-encoded; want the cached bytes")
	}
}
