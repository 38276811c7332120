package plan

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

func build(t *testing.T, src Source, set string) Plan {
	t.Helper()
	s, err := style.ParseSet(set)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(src, s, DefaultLimits(), DefaultOptions())
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return p
}

func TestSteps(t *testing.T) {
	red := style.RGB{R: 255}
	tests := []struct {
		w, h  int
		style string
		want  []Step
	}{
		{200, 100, "image/resize,m_fill,w_150,h_80", []Step{{Kind: Resize, W: 160, H: 80}, {Kind: Crop, X: 5, W: 150, H: 80}}},
		{200, 100, "image/resize,m_pad,w_150,h_80,color_FF0000", []Step{{Kind: Resize, W: 150, H: 75}, {Kind: Embed, Y: 2, W: 150, H: 80, Background: red}}},
		// crop doc: centre origin = width/2 − w/2; x,y move inwards from the anchor; overrun is clipped.
		{400, 300, "image/crop,w_100,h_100,g_center", []Step{{Kind: Crop, X: 150, Y: 100, W: 100, H: 100}}},
		{400, 300, "image/crop,w_100,h_100,g_se,x_10,y_20", []Step{{Kind: Crop, X: 290, Y: 180, W: 100, H: 100}}},
		{400, 300, "image/crop,w_100,h_100,g_north", []Step{{Kind: Crop, X: 150, Y: 0, W: 100, H: 100}}},
		{400, 300, "image/crop,x_350,y_250,w_100,h_100", []Step{{Kind: Crop, X: 350, Y: 250, W: 50, H: 50}}},
		{400, 300, "image/crop,x_100", []Step{{Kind: Crop, X: 100, W: 300, H: 300}}},
		{400, 300, "image/rotate,90", []Step{{Kind: Rotate, Degrees: 90, W: 300, H: 400}}},
		{400, 300, "image/rotate,360", nil},
		{100, 100, "image/rotate,45", []Step{{Kind: Rotate, Degrees: 45, W: 142, H: 142, Background: style.White}}},
		{400, 300, "image/blur,r_3,s_2", []Step{{Kind: Blur, W: 400, H: 300, Sigma: 2}}},
		{400, 300, "image/resize,w_400", nil},
	}
	for _, tt := range tests {
		p := build(t, Source{Width: tt.w, Height: tt.h, Format: PNG}, "t="+tt.style)
		if got := p.Outputs[0].Steps; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%dx%d %s steps = %+v; want %+v", tt.w, tt.h, tt.style, got, tt.want)
		}
	}
}

func TestCropOutside(t *testing.T) {
	s, _ := style.ParseSet("t=image/crop,x_400,w_10")
	_, err := Build(Source{Width: 400, Height: 300, Format: PNG}, s, DefaultLimits(), DefaultOptions())
	var r *Refusal
	if !errors.As(err, &r) || r.Reason != ReasonCrop || !strings.Contains(r.Detail, "style t") || fault.KindOf(err) != fault.Invalid {
		t.Errorf("err = %v; want crop_outside_image refusal naming style t, kind invalid", err)
	}
}

// The decode serves the largest output: 1280 fit on a 12 MP JPEG needs 0.32,
// which DCT scaling by 1/2 still covers (2000×1500 ≥ 1280×960).
func TestDecode(t *testing.T) {
	tests := []struct {
		src  Source
		set  string
		want Decode
	}{
		{Source{Width: 4000, Height: 3000, Format: JPEG}, style.DefaultSet().String(),
			Decode{Scale: 0.32, Width: 1280, Height: 960, JPEGShrink: 2}},
		{Source{Width: 4000, Height: 3000, Format: JPEG, Orientation: 6}, style.DefaultSet().String(),
			Decode{Scale: 0.32, Width: 1280, Height: 960, JPEGShrink: 2}},
		{Source{Width: 4000, Height: 3000, Format: JPEG}, "a=image/resize,m_fill,w_200,h_200",
			Decode{Scale: 267.0 / 4000, Width: 267, Height: 201, JPEGShrink: 8}},
		{Source{Width: 4000, Height: 3000, Format: JPEG}, "a=image/resize,w_900;b=image/resize,w_100",
			Decode{Scale: 0.225, Width: 900, Height: 675, JPEGShrink: 4}},
		{Source{Width: 4000, Height: 3000, Format: JPEG}, "a=image/resize,w_100;b=image/crop,w_10,h_10",
			Decode{Scale: 1, Width: 4000, Height: 3000, JPEGShrink: 1}},
		{Source{Width: 4000, Height: 3000, Format: JPEG}, "a=image/crop,w_2000,h_2000/resize,w_500",
			Decode{Scale: 0.25, Width: 1000, Height: 750, JPEGShrink: 4}},
		{Source{Width: 100, Height: 100, Format: JPEG}, "a=image/resize,w_400,limit_0",
			Decode{Scale: 1, Width: 100, Height: 100, JPEGShrink: 1}},
		{Source{Width: 2000, Height: 1000, Format: WebP}, "a=image/resize,w_500",
			Decode{Scale: 0.25, Width: 500, Height: 250, WebPScale: 0.25}},
		{Source{Width: 2000, Height: 1000, Format: PNG}, "a=image/resize,w_500",
			Decode{Scale: 0.25, Width: 500, Height: 250}},
	}
	for _, tt := range tests {
		if got := build(t, tt.src, tt.set).Decode; got != tt.want {
			t.Errorf("%+v %s decode = %+v; want %+v", tt.src, tt.set, got, tt.want)
		}
	}
}

func TestFormatAlphaQuality(t *testing.T) {
	set := "a=image/resize,w_10;b=image/resize,w_10/format,webp;c=image/resize,w_10/format,jpg/quality,q_50;" +
		"d=image/resize,w_10/format,webp/quality,Q_90;e=image/format,avif/strip,0/interlace,1/auto-orient,0"
	type got struct {
		f               style.Format
		q               int
		keep, flat, ori bool
		strip           bool
	}
	tests := []struct {
		src  Source
		want []got
	}{
		{Source{Width: 100, Height: 100, Format: JPEG, Quality: 70}, []got{
			{style.FormatJPG, 85, false, false, true, true},
			{style.FormatWebP, 80, false, false, true, true},
			{style.FormatJPG, 35, false, false, true, true},  // q_50 of 70
			{style.FormatWebP, 70, false, false, true, true}, // Q_90 never raises 70
			{style.FormatAVIF, 60, false, false, false, false},
		}},
		{Source{Width: 100, Height: 100, Format: PNG, HasAlpha: true}, []got{
			{style.FormatPNG, 0, true, false, true, true},
			{style.FormatWebP, 80, true, false, true, true},
			{style.FormatJPG, 50, false, true, true, true}, // unknown source quality: q acts like Q
			{style.FormatWebP, 90, true, false, true, true},
			{style.FormatAVIF, 60, true, false, false, false},
		}},
	}
	for _, tt := range tests {
		p := build(t, tt.src, set)
		for i, o := range p.Outputs {
			g := got{o.Format, o.Quality, o.KeepAlpha, o.Flatten, o.Oriented, o.Strip}
			if g != tt.want[i] {
				t.Errorf("alpha=%v output %s = %+v; want %+v", tt.src.HasAlpha, o.Name, g, tt.want[i])
			}
			if o.Background != style.White {
				t.Errorf("output %s background %v; want white", o.Name, o.Background)
			}
		}
		if !p.Outputs[4].Interlace || p.Outputs[0].Interlace {
			t.Errorf("interlace = %v, %v; want false, true", p.Outputs[0].Interlace, p.Outputs[4].Interlace)
		}
	}
}
