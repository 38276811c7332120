package vipsrender

import (
	"image/color"
	"testing"
)

// Geometric steps through libvips, including crop coordinates measured on
// the full-size source but applied to the shrunk decode. Markers: red
// top-left, blue top-right, grey elsewhere (see upright).
func TestSteps(t *testing.T) {
	r := newRenderer(t)
	src := encJPEG(t, upright(800, 600))
	lime := color.NRGBA{0, 255, 0, 255}
	type probe struct {
		x, y int
		c    color.NRGBA
	}
	tests := []struct {
		style  string
		w, h   int
		probes []probe
	}{
		{"image/resize,m_pad,w_200,h_200,color_00FF00/format,png", 200, 200,
			[]probe{{100, 5, lime}, {100, 194, lime}, {5, 30, red}, {195, 30, blue}, {100, 150, grey}}},
		{"image/crop,w_400,h_300/resize,w_100/format,png", 100, 75,
			[]probe{{10, 10, red}, {90, 10, grey}, {10, 65, grey}}},
		{"image/crop,w_400,h_300,g_ne/resize,w_100/format,png", 100, 75,
			[]probe{{90, 10, blue}, {10, 10, grey}}},
		{"image/resize,w_200/rotate,90/format,png", 150, 200,
			[]probe{{140, 10, red}, {140, 190, blue}, {10, 100, grey}}},
		{"image/resize,m_fill,w_100,h_100/format,png", 100, 100,
			[]probe{{5, 5, red}, {95, 5, blue}, {50, 50, grey}}},
		{"image/resize,w_200/blur,r_3,s_2/format,png", 200, 150,
			[]probe{{20, 15, red}, {100, 100, grey}}},
		{"image/resize,w_200/rotate,180/format,webp", 200, 150,
			[]probe{{195, 145, red}, {5, 145, blue}}},
	}
	for _, tt := range tests {
		res, p, err := render(t, r, src, "a="+tt.style)
		if err != nil {
			t.Errorf("%s: %v", tt.style, err)
			continue
		}
		img := decodeAny(t, res[0].Data)
		if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h || p.Outputs[0].Width != tt.w || p.Outputs[0].Height != tt.h {
			t.Errorf("%s: size %v, plan %dx%d; want %dx%d", tt.style, b.Size(), p.Outputs[0].Width, p.Outputs[0].Height, tt.w, tt.h)
			continue
		}
		for _, pr := range tt.probes {
			if got := rgbaAt(img, pr.x, pr.y); !near(got, pr.c, 40) {
				t.Errorf("%s: pixel %d,%d = %v; want %v", tt.style, pr.x, pr.y, got, pr.c)
			}
		}
	}
	// A non-right angle grows the canvas to the bounding box the plan predicted.
	res, p, err := render(t, r, src, "a=image/resize,w_200/rotate,30/format,png")
	if err != nil {
		t.Fatal(err)
	}
	if dw, dh := res[0].Width-p.Outputs[0].Width, res[0].Height-p.Outputs[0].Height; dw < -2 || dw > 2 || dh < -2 || dh > 2 {
		t.Errorf("rotate 30: %dx%d; plan %dx%d", res[0].Width, res[0].Height, p.Outputs[0].Width, p.Outputs[0].Height)
	}
}
