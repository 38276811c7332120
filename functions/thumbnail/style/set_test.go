package style

import "testing"

func TestParseSet(t *testing.T) {
	set, err := ParseSet(" sm = image/resize,m_fill,w_200,h_200 ; md=image/resize,w_640/format,webp;")
	if err != nil {
		t.Fatal(err)
	}
	if len(set) != 2 || set[0].Name != "sm" || set[1].Name != "md" || set[1].Format != FormatWebP {
		t.Fatalf("set = %v; want sm, md(webp)", set)
	}
	if got, want := set.String(), "sm=image/resize,m_fill,w_200,h_200;md=image/resize,w_640/format,webp"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

func TestParseSetErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "style: style set is empty"},
		{" ; ", "style: style set is empty"},
		{"image/resize,w_1", "style: image/resize,w_1: entry must be name=image/..."},
		{"Big=image/resize,w_1", "style: Big: name must be 1..64 of a-z, 0-9, _ and -"},
		{"=image/resize,w_1", "style: name must be 1..64 of a-z, 0-9, _ and -"},
		{"a=image/resize,w_1;a=image/resize,w_2", `style "a": name used twice`},
		{"a=image/resize,w_1;sm=image/resize,w_0", `style "sm": resize: w_0: width must be 1..16384`},
	}
	for _, tt := range tests {
		_, err := ParseSet(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseSet(%q) error = %v; want %q", tt.in, err, tt.want)
		}
	}
}

func TestDefaultSet(t *testing.T) {
	set := DefaultSet()
	if len(set) != 6 {
		t.Fatalf("len(DefaultSet()) = %d; want 6", len(set))
	}
	webp := 0
	for _, st := range set {
		switch st.Format {
		case FormatWebP:
			webp++
		case FormatAuto:
		default:
			t.Errorf("style %s format %q; want auto or webp", st.Name, st.Format)
		}
	}
	if webp != 3 {
		t.Errorf("webp outputs = %d; want 3", webp)
	}
	if r := set[0].Ops[0].(*Resize); r.Mode != ModeFill || r.W != 200 || r.H != 200 {
		t.Errorf("first style %v; want 200x200 fill", set[0])
	}
	again, err := ParseSet(set.String())
	if err != nil || again.String() != set.String() {
		t.Errorf("DefaultSet round trip = %v, %v", again, err)
	}
}
