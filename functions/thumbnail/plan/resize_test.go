package plan

import (
	"fmt"
	"testing"

	"github.com/ossflow/ossflow/functions/thumbnail/style"
)

// size plans one style for a w×h JPEG with orientation o and returns the
// output size, or the refusal reason.
func size(t *testing.T, w, h, o int, s string) string {
	t.Helper()
	st, err := style.ParseNamed("t", s)
	if err != nil {
		t.Fatalf("style %q: %v", s, err)
	}
	p, err := Build(Source{Width: w, Height: h, Format: JPEG, Orientation: o}, style.Set{st}, DefaultLimits(), DefaultOptions())
	if err != nil {
		if r, ok := err.(*Refusal); ok {
			return string(r.Reason)
		}
		t.Fatalf("Build: %v", err)
	}
	return fmt.Sprintf("%dx%d", p.Outputs[0].Width, p.Outputs[0].Height)
}

// Resize modes against OSS's worked example (resize doc,
// https://www.alibabacloud.com/help/en/doc-detail/44688.html: a 200×100
// image with w=150,h=80 gives lfit 150×75, mfit 160×80, fill, pad and fixed 150×80),
// limit_1 (never enlarge) vs limit_0, single sides, l/s and p.
func TestResizeModes(t *testing.T) {
	tests := []struct {
		w, h  int
		style string
		want  string
	}{
		{200, 100, "image/resize,m_lfit,w_150,h_80", "150x75"},
		{200, 100, "image/resize,m_mfit,w_150,h_80", "160x80"},
		{200, 100, "image/resize,m_fill,w_150,h_80", "150x80"},
		{200, 100, "image/resize,m_pad,w_150,h_80", "150x80"},
		{200, 100, "image/resize,m_fixed,w_150,h_80", "150x80"},
		// limit_1 is the default: a result larger than the source keeps the source size.
		{100, 50, "image/resize,w_200,h_200", "100x50"},
		{100, 50, "image/resize,w_200,h_200,limit_0", "200x100"},
		{100, 50, "image/resize,m_mfit,w_200,h_200,limit_0", "400x200"},
		{100, 50, "image/resize,m_fill,w_200,h_200", "100x50"},
		{100, 50, "image/resize,m_fill,w_200,h_200,limit_0", "200x200"},
		{100, 50, "image/resize,m_pad,w_200,h_200,limit_0", "200x200"},
		{100, 50, "image/resize,m_fixed,w_200,h_20", "100x50"},
		{100, 50, "image/resize,m_fixed,w_200,h_20,limit_0", "200x20"},
		// One side only: proportional; for fixed the missing side takes the given value.
		{4000, 3000, "image/resize,w_640", "640x480"},
		{4000, 3000, "image/resize,h_300", "400x300"},
		{4000, 3000, "image/resize,m_fixed,w_640", "640x640"},
		{4000, 3000, "image/resize,m_pad,w_640", "640x480"},
		// Rounding: the deciding side is exact, the other rounds half up.
		{1001, 1000, "image/resize,w_500", "500x500"},
		{3, 2, "image/resize,w_2", "2x1"},
		{1000, 1, "image/resize,w_10", "10x1"},
		// l / s: the box lies along the image.
		{4000, 3000, "image/resize,l_400", "400x300"},
		{3000, 4000, "image/resize,l_400", "300x400"},
		{4000, 3000, "image/resize,s_300", "400x300"},
		{4000, 3000, "image/resize,l_400,s_100", "133x100"},
		{4000, 3000, "image/resize,w_800,l_100", "800x600"}, // w wins over l
		// p alone and p with w/h (100w_100h_200p ≡ 200w_200h).
		{4000, 3000, "image/resize,p_10", "400x300"},
		{400, 300, "image/resize,p_200", "400x300"},
		{400, 300, "image/resize,p_200,limit_0", "800x600"},
		{4000, 3000, "image/resize,w_100,h_100,p_200", "200x150"},
		// Result limits: 16384 per side, 16,777,216 pixels.
		{1000, 1000, "image/resize,p_1000,limit_0", "result_too_large"},
		{20000, 100, "image/format,png", "result_too_large"},
		{16384, 1024, "image/format,png", "16384x1024"},
		{16384, 100, "image/format,webp", "result_too_large"},
	}
	for _, tt := range tests {
		if got := size(t, tt.w, tt.h, 1, tt.style); got != tt.want {
			t.Errorf("%dx%d %s = %s; want %s", tt.w, tt.h, tt.style, got, tt.want)
		}
	}
}

// Every mode × every EXIF orientation: orientations 5..8 swap the source's
// sides before the style applies, 1..4 do not.
func TestResizeModeByOrientation(t *testing.T) {
	want := map[string][2]string{ // mode: {orientations 1-4, orientations 5-8}
		"lfit":  {"640x480", "480x640"},
		"mfit":  {"853x640", "640x853"},
		"fill":  {"640x640", "640x640"},
		"pad":   {"640x640", "640x640"},
		"fixed": {"640x640", "640x640"},
	}
	for mode, w := range want {
		for o := 1; o <= 8; o++ {
			exp := w[0]
			if o >= 5 {
				exp = w[1]
			}
			s := "image/resize,m_" + mode + ",w_640,h_640"
			if got := size(t, 4000, 3000, o, s); got != exp {
				t.Errorf("orientation %d %s = %s; want %s", o, s, got, exp)
			}
			// auto-orient,0 keeps stored orientation whatever the tag.
			if got := size(t, 4000, 3000, o, s+"/auto-orient,0"); got != w[0] {
				t.Errorf("orientation %d %s/auto-orient,0 = %s; want %s", o, s, got, w[0])
			}
		}
	}
	// A non-square box shows the swap for fill and fixed too.
	for o, want := range map[int]string{1: "300x100", 6: "300x100", 8: "300x100"} {
		if got := size(t, 4000, 3000, o, "image/resize,m_fill,w_300,h_100"); got != want {
			t.Errorf("orientation %d fill 300x100 = %s; want %s", o, got, want)
		}
	}
	if got := size(t, 4000, 3000, 6, "image/resize,w_300"); got != "300x400" {
		t.Errorf("orientation 6 w_300 = %s; want 300x400", got)
	}
}

// Mode × orientation × limit on a 300×200 source (200×300 once oriented for
// 5..8), shrinking into a non-square box and enlarging with limit_1/limit_0.
// Expected sizes follow the OSS resize doc's definitions of each mode and of
// limit ("if the target is larger than the source, return the source size").
func TestModeOrientationLimit(t *testing.T) {
	tests := []struct {
		box  string
		want map[string][2]string // mode: {orientations 1-4, 5-8}
	}{
		{"w_150,h_100", map[string][2]string{
			"lfit": {"150x100", "67x100"}, "mfit": {"150x100", "150x225"},
			"fill": {"150x100", "150x100"}, "pad": {"150x100", "150x100"}, "fixed": {"150x100", "150x100"},
		}},
		{"w_600,h_600", map[string][2]string{ // limit_1 (default): never enlarged
			"lfit": {"300x200", "200x300"}, "mfit": {"300x200", "200x300"},
			"fill": {"300x200", "200x300"}, "pad": {"300x200", "200x300"}, "fixed": {"300x200", "200x300"},
		}},
		{"w_600,h_600,limit_0", map[string][2]string{
			"lfit": {"600x400", "400x600"}, "mfit": {"900x600", "600x900"},
			"fill": {"600x600", "600x600"}, "pad": {"600x600", "600x600"}, "fixed": {"600x600", "600x600"},
		}},
	}
	for _, tt := range tests {
		for mode, want := range tt.want {
			for o := 1; o <= 8; o++ {
				exp := want[0]
				if o >= 5 {
					exp = want[1]
				}
				s := "image/resize,m_" + mode + "," + tt.box
				if got := size(t, 300, 200, o, s); got != exp {
					t.Errorf("300x200 orientation %d %s = %s; want %s", o, s, got, exp)
				}
			}
		}
	}
}
