// Package testimage makes the photographs the tests upload: smooth
// gradients that encode like a real photo (no flat areas for a codec to
// shortcut) at any size, generated once per size and process.
package testimage

import (
	"bytes"
	"image"
	"image/jpeg"
	"sync"
	"testing"
)

var (
	mu    sync.Mutex
	cache = map[[2]int][]byte{}
)

// JPEG returns a w×h gradient JPEG (quality 90). Red grows left to right,
// green top to bottom, so a wrongly rotated or mirrored output is visible.
// The bytes are shared between callers: do not modify them.
func JPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if b, ok := cache[[2]int{w, h}]; ok {
		return b
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			// Direct writes: img.Set per pixel is slow under -race.
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = uint8(x*255/w), uint8(y*255/h), 128, 255
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatalf("testimage: %v", err)
	}
	cache[[2]int{w, h}] = b.Bytes()
	return b.Bytes()
}
