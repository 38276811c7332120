package vipsrender

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"testing"

	"github.com/h2non/bimg"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := New(Config{Threads: 1, Parallel: 2}, plan.DefaultLimits().Formats)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func render(t testing.TB, r *Renderer, src []byte, set string) ([]Result, plan.Plan, error) {
	t.Helper()
	s, err := style.ParseSet(set)
	if err != nil {
		t.Fatal(err)
	}
	return bothPaths(t, r, src, s, plan.DefaultLimits())
}

func mustRender(t testing.TB, r *Renderer, src []byte, set string) []Result {
	t.Helper()
	res, _, err := render(t, r, src, set)
	if err != nil {
		t.Fatalf("render %s: %v", set, err)
	}
	return res
}

// All 8 EXIF orientations, mirrored ones included: after auto-orient the red
// marker is top-left and the blue one top-right, whatever the stored layout,
// and the tag is gone.
func TestOrientations(t *testing.T) {
	r := newRenderer(t)
	up := upright(160, 120)
	for o := 1; o <= 8; o++ {
		src := withOrientation(encJPEG(t, stored(up, o)), o)
		probe, err := r.Probe(src)
		if err != nil || probe.Orientation != o {
			t.Fatalf("orientation %d: probe = %+v, %v", o, probe, err)
		}
		res := mustRender(t, r, src, "a=image/resize,w_80/format,png;b=image/resize,w_80/format,webp;c=image/resize,w_80,h_80")
		for _, out := range res {
			img := decodeAny(t, out.Data)
			if b := img.Bounds(); b.Dx() != 80 || b.Dy() != 60 || out.Width != 80 || out.Height != 60 {
				t.Errorf("orientation %d %s: size %v (%dx%d); want 80x60", o, out.Name, b, out.Width, out.Height)
			}
			if tl, tr := rgbaAt(img, 5, 5), rgbaAt(img, 74, 5); !near(tl, red, 40) || !near(tr, blue, 40) {
				t.Errorf("orientation %d %s: top-left %v, top-right %v; want red, blue", o, out.Name, tl, tr)
			}
			if bl := rgbaAt(img, 5, 54); !near(bl, grey, 40) {
				t.Errorf("orientation %d %s: bottom-left %v; want grey", o, out.Name, bl)
			}
			if bytes.Contains(out.Data, []byte("Exif")) {
				t.Errorf("orientation %d %s: EXIF kept; want stripped", o, out.Name)
			}
		}
	}
}

// With strip,0 metadata is kept but the orientation tag is reset, so a
// viewer does not rotate the already-upright pixels again.
func TestKeepMetadataResetsOrientation(t *testing.T) {
	r := newRenderer(t)
	src := withOrientation(encJPEG(t, stored(upright(160, 120), 6)), 6)
	res := mustRender(t, r, src, "a=image/resize,w_80/strip,0")
	md, err := bimg.NewImage(res[0].Data).Metadata()
	if err != nil {
		t.Fatal(err)
	}
	if md.Orientation > 1 || md.Size.Width != 80 || md.Size.Height != 60 {
		t.Errorf("metadata %+v; want upright 80x60 with orientation 1 or none", md)
	}
}

func TestColourAndAlpha(t *testing.T) {
	r := newRenderer(t)
	half := image.NewNRGBA(image.Rect(0, 0, 100, 80)) // left transparent black, right opaque blue
	for y := range 80 {
		for x := 50; x < 100; x++ {
			half.SetNRGBA(x, y, blue)
		}
	}
	pal := image.NewPaletted(image.Rect(0, 0, 100, 80), color.Palette{color.Gray{0}, color.Gray{220}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 2)
	}
	rgb16 := image.NewNRGBA64(image.Rect(0, 0, 100, 80))
	for i := 0; i < len(rgb16.Pix); i += 8 {
		copy(rgb16.Pix[i:], []byte{0xDC, 0x00, 0x14, 0x00, 0x14, 0x00, 0xFF, 0xFF})
	}
	gray := image.NewGray(image.Rect(0, 0, 100, 80))
	for i := range gray.Pix {
		gray.Pix[i] = 100
	}
	tests := []struct {
		name     string
		src      []byte
		set      string
		space    string
		alpha    bool
		channels int
		at       [2]int
		want     [4]int
	}{
		{"alpha png to jpg is flattened on white", encPNG(t, half), "a=image/resize,w_50/format,jpg", "srgb", false, 3, [2]int{5, 20}, [4]int{255, 255, 255, 255}},
		{"alpha png to auto keeps png alpha", encPNG(t, half), "a=image/resize,w_50", "srgb", true, 4, [2]int{5, 20}, [4]int{0, 0, 0, 0}},
		{"alpha png to webp keeps alpha", encPNG(t, half), "a=image/resize,w_50/format,webp", "srgb", true, 4, [2]int{45, 20}, [4]int{20, 20, 220, 255}},
		{"16-bit png to 8-bit jpg", encPNG(t, rgb16), "a=image/resize,w_50", "srgb", false, 3, [2]int{25, 20}, [4]int{220, 20, 20, 255}},
		{"palette png", encPNG(t, pal), "a=image/resize,w_50/format,png", "srgb", false, 3, [2]int{25, 20}, [4]int{110, 110, 110, 255}},
		{"grayscale jpg stays grey", encJPEG(t, gray), "a=image/resize,w_50", "b-w", false, 1, [2]int{25, 20}, [4]int{100, 100, 100, 255}},
		{"cmyk jpg to srgb", cmykJPEG(t), "a=image/resize,w_32", "srgb", false, 3, [2]int{10, 10}, [4]int{200, 50, 20, 255}},
		{"animated gif gives first frame", animatedGIF(t), "a=image/resize,w_20/format,png", "srgb", false, 3, [2]int{10, 5}, [4]int{220, 20, 20, 255}},
	}
	for _, tt := range tests {
		res, _, err := render(t, r, tt.src, tt.set)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		md, err := bimg.NewImage(res[0].Data).Metadata()
		if err != nil {
			t.Errorf("%s: output metadata: %v", tt.name, err)
			continue
		}
		if md.Space != tt.space || md.Alpha != tt.alpha || md.Channels != tt.channels {
			t.Errorf("%s: space %s alpha %v channels %d; want %s %v %d", tt.name, md.Space, md.Alpha, md.Channels, tt.space, tt.alpha, tt.channels)
		}
		if got := rgbaAt(decodeAny(t, res[0].Data), tt.at[0], tt.at[1]); !nearInts(got, tt.want, 36) {
			t.Errorf("%s: pixel %v = %v; want %v", tt.name, tt.at, got, tt.want)
		}
	}
}

func nearInts(a, b [4]int, tol int) bool {
	for i := range a {
		if d := a[i] - b[i]; d > tol || d < -tol {
			return false
		}
	}
	return true
}

// Hostile and broken inputs: each returns a typed, permanent error and no output.
func TestBadInputs(t *testing.T) {
	r := newRenderer(t)
	good := encJPEG(t, upright(400, 300))
	svg := []byte(`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>`)
	tests := []struct {
		name   string
		src    []byte
		reason plan.Reason // refusal reason, or "" for a decode error
		cause  error
	}{
		{"zero bytes", nil, plan.ReasonFormat, nil},
		{"text named .jpg", []byte("this is not an image\n"), plan.ReasonFormat, nil},
		{"svg with external entity", svg, plan.ReasonFormat, nil},
		{"pdf", []byte("%PDF-1.7\n1 0 obj\n"), plan.ReasonFormat, nil},
		{"truncated jpeg", good[:len(good)/2], "", ErrCorrupt},
		{"jpeg header only", good[:200], "", ErrCorrupt},
		{"png 30000x30000 (small file)", hugePNG(30000, 30000), plan.ReasonPixels, nil},
		{"jpeg claiming 64250x64250", jpegClaiming(t, 64250, 64250), plan.ReasonSide, nil},
		{"png claiming 0 width", hugePNG(0, 10), "", ErrCorrupt},
	}
	for _, tt := range tests {
		res, _, err := render(t, r, tt.src, style.DefaultSet().String())
		if err == nil || res != nil {
			t.Errorf("%s: %d results, err %v; want an error and no results", tt.name, len(res), err)
			continue
		}
		if fault.DispositionOf(err) != fault.Drop {
			t.Errorf("%s: %v is retried; want permanent", tt.name, err)
		}
		var ref *plan.Refusal
		switch {
		case tt.reason != "" && (!errors.As(err, &ref) || ref.Reason != tt.reason):
			t.Errorf("%s: err = %v; want refusal %s", tt.name, err, tt.reason)
		case tt.cause != nil && !errors.Is(err, tt.cause):
			t.Errorf("%s: err = %v; want %v", tt.name, err, tt.cause)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]plan.Format{
		"\xff\xd8\xff\xe0": plan.JPEG, "\x89PNG\r\n\x1a\n": plan.PNG, "GIF89a": plan.GIF,
		"RIFF\x00\x00\x00\x00WEBPVP8 ": plan.WebP, "II*\x00": plan.TIFF,
		"\x00\x00\x00\x1cftypavif": plan.AVIF, "\x00\x00\x00\x18ftypheic": plan.HEIF,
		"%PDF-1.4": plan.PDF, "\xef\xbb\xbf  <svg>": plan.SVG, "<html>": plan.Unknown, "": plan.Unknown,
	}
	for in, want := range tests {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %s; want %s", in, got, want)
		}
	}
}

func TestDefaultSetOutputs(t *testing.T) {
	r := newRenderer(t)
	res := mustRender(t, r, encJPEG(t, upright(1600, 1200)), style.DefaultSet().String())
	want := []string{"sm 200x200 jpg", "sm-webp 200x200 webp", "md 640x480 jpg", "md-webp 640x480 webp", "lg 1280x960 jpg", "lg-webp 1280x960 webp"}
	for i, out := range res {
		md, err := bimg.NewImage(out.Data).Metadata()
		got := fmt.Sprintf("%s %dx%d %s", out.Name, md.Size.Width, md.Size.Height, out.Format)
		if err != nil || got != want[i] {
			t.Errorf("output %d = %s (%v); want %s", i, got, err, want[i])
		}
	}
}
