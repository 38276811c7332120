package style

import (
	"reflect"
	"testing"
)

func FuzzParseStyle(f *testing.F) {
	for _, s := range []string{
		"image/resize,m_lfit,w_320,h_320/format,webp/quality,Q_75",
		"image/resize,m_pad,w_10,h_10,color_00ff00,limit_0/crop,x_1,y_2,g_se/rotate,45/blur,r_1,s_50",
		"image/auto-orient,0/interlace,1/strip,0/quality,q_5/format,avif",
		"image/resize,p_1000", "image/", "image/resize,w_,", "image//",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := Parse(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Parse(%q) error type %T; want *Error", s, err)
			}
			return
		}
		canon := st.String()
		again, err := Parse(canon)
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", canon, s, err)
		}
		if !reflect.DeepEqual(again, st) {
			t.Fatalf("round trip of %q via %q = %+v; want %+v", s, canon, again, st)
		}
		if again.String() != canon {
			t.Fatalf("String not a fixed point: %q then %q", canon, again.String())
		}
	})
}
