package vipsrender

import (
	"errors"
	"testing"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

// FuzzRender feeds damaged images through probe, plan and render: every
// input must end in outputs or a typed error, never a crash or a hang.
func FuzzRender(f *testing.F) {
	small := upright(24, 16)
	f.Add(encJPEG(f, small))
	f.Add(withOrientation(encJPEG(f, small), 6))
	f.Add(encPNG(f, small))
	f.Add(animatedGIF(f))
	f.Add(hugePNG(10, 10))
	r, err := New(DefaultConfig(), plan.DefaultLimits().Formats)
	if err != nil {
		f.Fatal(err)
	}
	set, err := style.ParseSet("a=image/resize,m_fill,w_8,h_8;b=image/resize,w_12/format,webp")
	if err != nil {
		f.Fatal(err)
	}
	lim := plan.DefaultLimits()
	lim.MaxPixels = 1 << 20 // keep mutated headers from asking for big decodes
	f.Fuzz(func(t *testing.T, buf []byte) {
		res, _, err := r.Thumbnails(buf, set, lim, plan.DefaultOptions())
		if err != nil {
			var ref *plan.Refusal
			if fault.KindOf(err) == fault.Internal && !errors.Is(err, ErrEncode) && !errors.As(err, &ref) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		if len(res) != 2 || len(res[0].Data) == 0 || len(res[1].Data) == 0 {
			t.Fatalf("got %d results without error; want 2 non-empty", len(res))
		}
	})
}
