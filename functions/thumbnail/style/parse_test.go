package style

import (
	"errors"
	"reflect"
	"testing"

	"github.com/ossflow/ossflow/pkg/fault"
)

// Cases cite the OSS page that defines the parameter; see the package comment for URLs.
func TestParseCanonical(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// resize doc: m defaults to lfit, limit defaults to 1, color defaults to FFFFFF.
		{"image/resize,m_lfit,w_320,h_320/format,webp/quality,Q_75", "image/resize,w_320,h_320/format,webp/quality,Q_75"},
		{"image/resize,w_150,h_80,m_pad,color_ff0000", "image/resize,m_pad,w_150,h_80,color_FF0000"},
		{"image/resize,m_fixed,w_100,h_100,limit_0", "image/resize,m_fixed,w_100,h_100,limit_0"},
		{"image/resize,limit_1,color_FFFFFF,l_600", "image/resize,l_600"},
		{"image/resize,p_63/quality,q_90", "image/resize,p_63/quality,q_90"}, // styles doc example
		{"image/resize,w_100,h_100,p_200", "image/resize,w_100,h_100,p_200"},
		// crop doc: g defaults to nw; w/h 0 mean "to the edge".
		{"image/crop,w_100,h_100,g_nw", "image/crop,w_100,h_100"},
		{"image/crop,x_10,y_20,g_se", "image/crop,x_10,y_20,g_se"},
		{"image/resize,w_200/rotate,90", "image/resize,w_200/rotate,90"}, // processing-model doc example
		{"image/resize,w_100/auto-orient,0", "image/resize,w_100/auto-orient,0"},
		{"image/auto-orient,1/resize,w_1", "image/resize,w_1"},
		{"image/format,jpeg/interlace,1", "image/format,jpg/interlace,1"},
		{"image/blur,s_2,r_3", "image/blur,r_3,s_2"},
		{"image/strip,0/resize,w_16384", "image/resize,w_16384/strip,0"},
		{"image/resize,w_0100", "image/resize,w_100"},
	}
	for _, tt := range tests {
		st, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error %v", tt.in, err)
			continue
		}
		if got := st.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q; want %q", tt.in, got, tt.want)
		}
		again, err := Parse(st.String())
		if err != nil || !reflect.DeepEqual(again, st) {
			t.Errorf("round trip of %q = %+v, %v; want %+v", tt.in, again, err, st)
		}
	}
}

func TestParseFields(t *testing.T) {
	st, err := ParseNamed("sm", "image/resize,m_fill,w_200,h_200,limit_0/crop,w_10,g_center/format,png/quality,q_80")
	if err != nil {
		t.Fatal(err)
	}
	want := Style{
		Name: "sm",
		Ops: []Op{
			&Resize{Mode: ModeFill, W: 200, H: 200, Enlarge: true, Color: White},
			&Crop{W: 10, G: Center},
		},
		Format:  FormatPNG,
		Quality: Quality{Value: 80, Relative: true},
	}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("got %+v; want %+v", st, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"image/resize,w_0", `style "sm": resize: w_0: width must be 1..16384`},
		{"image/resize,w_16385", `style "sm": resize: w_16385: width must be 1..16384`},
		{"image/resize,h_-1", `style "sm": resize: h_-1: height must be 1..16384`},
		{"image/resize,p_1001", `style "sm": resize: p_1001: percentage must be 1..1000`},
		{"image/resize,m_crop,w_1", `style "sm": resize: m_crop: mode must be lfit, mfit, fill, pad or fixed`},
		{"image/resize,limit_2,w_1", `style "sm": resize: limit_2: limit must be 0 or 1`},
		{"image/resize,color_GGGGGG,w_1", `style "sm": resize: color_GGGGGG: colour must be six hex digits, e.g. FFFFFF`},
		{"image/resize,m_pad", `style "sm": resize: needs at least one of w, h, l, s, p`},
		{"image/resize,w_1,w_2", `style "sm": resize: w_2: parameter given more than once`},
		{"image/resize,z_1", `style "sm": resize: z_1: unknown parameter`},
		{"image/resize,w", `style "sm": resize: w: unknown parameter`},
		{"image/crop,g_middle", `style "sm": crop: g_middle: gravity must be nw, north, ne, west, center, east, sw, south or se`},
		{"image/crop,x_30001", `style "sm": crop: x_30001: x must be 0..30000`},
		{"image/rotate,361", `style "sm": rotate: 361: degrees must be 0..360`},
		{"image/rotate", `style "sm": rotate: needs exactly one value`},
		{"image/blur,r_3", `style "sm": blur: needs both r and s`},
		{"image/blur,r_51,s_1", `style "sm": blur: r_51: radius must be 1..50`},
		{"image/format,gif", `style "sm": format: gif: output format not supported here (jpg, png, webp, avif)`},
		{"image/format,xyz", `style "sm": format: xyz: unknown format (jpg, png, webp, avif)`},
		{"image/format,png/format,jpg", `style "sm": format: given more than once`},
		{"image/quality,Q_0", `style "sm": quality: Q_0: quality must be 1..100`},
		{"image/quality,x_50", `style "sm": quality: x_50: must be q_N (relative) or Q_N (absolute)`},
		{"image/auto-orient,2", `style "sm": auto-orient: 2: must be 0 or 1`},
		{"image/watermark,text_aGk", `style "sm": watermark: unknown action`},
		{"image/resize,w_1//format,png", `style "sm": empty action`},
		{"image/", `style "sm": empty action`},
		{"resize,w_1", `style "sm": must start with "image/"`},
		{"image/resize,w_1234567890123456789", `style "sm": resize: w_1234567890123456789: width must be 1..16384`},
	}
	for _, tt := range tests {
		_, err := ParseNamed("sm", tt.in)
		if err == nil {
			t.Errorf("ParseNamed(%q) = nil error; want %q", tt.in, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("ParseNamed(%q) error = %q; want %q", tt.in, err, tt.want)
		}
		var se *Error
		if !errors.As(err, &se) || fault.KindOf(err) != fault.Invalid {
			t.Errorf("ParseNamed(%q) error %T kind %v; want *Error, invalid", tt.in, err, fault.KindOf(err))
		}
	}
}

func TestParseLongTokenIsShortened(t *testing.T) {
	long := "image/format," + string(make([]byte, 5000))
	_, err := Parse(long)
	if err == nil || len(err.Error()) > 100 {
		t.Errorf("error = %q; want a short error", err)
	}
	_, err = Parse("image/format,abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz")
	if want := "style: format: abcdefghijklmnopqrstuvwxyzabcdef…: unknown format (jpg, png, webp, avif)"; err == nil || err.Error() != want {
		t.Errorf("error = %q; want %q", err, want)
	}
}
