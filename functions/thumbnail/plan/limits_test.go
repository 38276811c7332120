package plan

import (
	"errors"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

// Source limits from OSS (https://help.aliyun.com/zh/oss/user-guide/resize-images-4:
// 20 MB, 30,000 px per side, 250 MP counting frames), checked from the header.
func TestRefusals(t *testing.T) {
	ok := Source{Width: 4000, Height: 3000, Format: JPEG, Bytes: 3 << 20, Pages: 1}
	tests := []struct {
		name   string
		edit   func(*Source)
		reason Reason
		kind   fault.Kind
	}{
		{"svg", func(s *Source) { s.Format = SVG }, ReasonFormat, fault.Invalid},
		{"pdf", func(s *Source) { s.Format = PDF }, ReasonFormat, fault.Invalid},
		{"unknown", func(s *Source) { s.Format = Unknown }, ReasonFormat, fault.Invalid},
		{"21 MB", func(s *Source) { s.Bytes = 21 << 20 }, ReasonBytes, fault.TooLarge},
		{"zero size", func(s *Source) { s.Width = 0 }, ReasonHeader, fault.Invalid},
		{"negative", func(s *Source) { s.Height = -5 }, ReasonHeader, fault.Invalid},
		{"JPEG claiming 64250x64250", func(s *Source) { s.Width, s.Height = 64250, 64250 }, ReasonSide, fault.TooLarge},
		{"PNG 30000x30000", func(s *Source) { s.Format, s.Width, s.Height = PNG, 30000, 30000 }, ReasonPixels, fault.TooLarge},
		{"animated 1000x1000x300", func(s *Source) { s.Format, s.Width, s.Height, s.Pages = GIF, 1000, 1000, 300 }, ReasonPixels, fault.TooLarge},
		{"1001 frames", func(s *Source) { s.Format, s.Width, s.Height, s.Pages = GIF, 10, 10, 1001 }, ReasonFrames, fault.TooLarge},
	}
	for _, tt := range tests {
		src := ok
		tt.edit(&src)
		_, err := Build(src, style.DefaultSet(), DefaultLimits(), DefaultOptions())
		var r *Refusal
		if !errors.As(err, &r) || r.Reason != tt.reason || fault.KindOf(err) != tt.kind {
			t.Errorf("%s: err = %v (kind %v); want %s refusal, kind %v", tt.name, err, fault.KindOf(err), tt.reason, tt.kind)
		}
		if fault.DispositionOf(err) != fault.Drop {
			t.Errorf("%s: disposition retry; want drop (permanent)", tt.name)
		}
	}
	for _, edit := range []func(*Source){
		func(s *Source) { s.Width, s.Height = 30000, 8000 },
		func(s *Source) { s.Format, s.Pages = GIF, 0 },
		func(s *Source) { s.Orientation = 99 },
	} {
		src := ok
		edit(&src)
		if _, err := Build(src, style.DefaultSet(), DefaultLimits(), DefaultOptions()); err != nil {
			t.Errorf("%+v: %v; want a plan", src, err)
		}
	}
	if _, err := Build(ok, nil, DefaultLimits(), DefaultOptions()); fault.KindOf(err) != fault.Invalid {
		t.Errorf("empty set: %v; want invalid", err)
	}
}

func TestLimitsValidate(t *testing.T) {
	if err := DefaultLimits().Validate(); err != nil {
		t.Errorf("DefaultLimits().Validate() = %v", err)
	}
	bad := Limits{Formats: []Format{JPEG, SVG}}
	err := bad.Validate()
	for _, want := range []string{"MaxBytes", "MaxPixels", "MaxSide", "MaxFrames", `format "svg" cannot be allowed`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v; want it to name %s", err, want)
		}
	}
}
