package vipsrender

import (
	"bytes"
	"errors"
	"image/jpeg"
	"os/exec"
	"strings"
	"testing"

	"github.com/h2non/bimg"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/fault"
)

// AVIF and WebP outputs fed back in as sources exercise the HEIF loader and
// libwebp's scaled decode; the markers must survive the round trip.
func TestWebPAndAVIFRoundTrip(t *testing.T) {
	r := newRenderer(t)
	src := encJPEG(t, upright(800, 600))
	res := mustRender(t, r, src, "w=image/format,webp/quality,Q_95;a=image/format,avif/quality,Q_90")
	for _, out := range res {
		if md, err := bimg.NewImage(out.Data).Metadata(); err != nil || md.Size.Width != 800 {
			t.Fatalf("%s output: %+v, %v; want 800 wide", out.Name, md.Size, err)
		}
		p, err := r.Probe(out.Data)
		if err != nil {
			t.Fatalf("probe %s: %v", out.Name, err)
		}
		again, pl, err := render(t, r, out.Data, "x=image/resize,w_200/format,png")
		if err != nil {
			t.Fatalf("render from %s: %v", p.Format, err)
		}
		if p.Format == plan.WebP && pl.Decode.WebPScale != 0.25 {
			t.Errorf("webp decode scale %v; want 0.25", pl.Decode.WebPScale)
		}
		img := decodeAny(t, again[0].Data)
		if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 150 {
			t.Errorf("from %s: size %v; want 200x150", p.Format, b)
		}
		if tl := rgbaAt(img, 10, 10); !near(tl, red, 40) {
			t.Errorf("from %s: top-left %v; want red", p.Format, tl)
		}
	}
}

func TestStripWebPMetadataRejectsGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("RIFF"), []byte("RIFF\x00\x00\x00\x00WEBPEXIF\xff\xff\xff\x7f")} {
		if _, err := stripWebPMetadata(in); err == nil {
			t.Errorf("stripWebPMetadata(%q) = nil error; want an error", in)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("DefaultConfig().Validate() = %v", err)
	}
	err := Config{Threads: 0, Parallel: 100}.Validate()
	if err == nil || !strings.Contains(err.Error(), "Threads") || !strings.Contains(err.Error(), "Parallel") {
		t.Errorf("Validate() = %v; want Threads and Parallel named", err)
	}
	set, _ := style.ParseSet("a=image/format,avif;b=image/format,webp")
	if err := newRenderer(t).CheckSet(set); err != nil {
		t.Errorf("CheckSet = %v; this libvips encodes avif", err)
	}
	if _, err := New(Config{}, nil); err == nil {
		t.Error("New(Config{}) = nil error; want a config error")
	}
}

// TestOnlyAdapterImportsBimg keeps bimg (and cgo) behind this one package.
func TestOnlyAdapterImportsBimg(t *testing.T) {
	out, err := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "github.com/ossflow/ossflow/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	seen := false
	for _, line := range strings.Split(string(out), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		if !strings.Contains(" "+imports+" ", " github.com/h2non/bimg ") {
			continue
		}
		if strings.HasSuffix(pkg, "/thumbnail/vipsrender") {
			seen = true
		} else {
			t.Errorf("%s imports bimg; only functions/thumbnail/vipsrender may", pkg)
		}
	}
	if !seen {
		t.Error("go list did not show vipsrender importing bimg; the check is not working")
	}
}

// Quality is read back from the quantisation tables Go's encoder (libjpeg's
// scaling) wrote, so OSS's relative quality works: q_50 of a quality-70
// source encodes at 35.
func TestJPEGQuality(t *testing.T) {
	img := upright(64, 48)
	for _, q := range []int{10, 35, 50, 70, 92, 100} {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
			t.Fatal(err)
		}
		if got := jpegQuality(b.Bytes()); got != q {
			t.Errorf("jpegQuality(quality %d) = %d", q, got)
		}
	}
	for _, bad := range [][]byte{nil, {0xFF, 0xD8}, {0xFF, 0xD8, 0xFF, 0xDB, 0xFF, 0xFF}, []byte("\xff\xd8\xff\xdb\x00\x03\x00")} {
		if got := jpegQuality(bad); got != 0 {
			t.Errorf("jpegQuality(%q) = %d; want 0", bad, got)
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 70})
	_, p, err := render(t, newRenderer(t), b.Bytes(), "a=image/quality,q_50;b=image/quality,Q_90")
	if err != nil || p.Outputs[0].Quality != 35 || p.Outputs[1].Quality != 70 {
		t.Errorf("qualities = %+v, %v; want 35 (q_50 of 70) and 70 (Q_90 never raises)", p.Outputs, err)
	}
}

func TestPanicBecomesInternalError(t *testing.T) {
	err := func() (err error) {
		defer recoverInto(&err)
		panic("boom")
	}()
	if !errors.Is(err, ErrPanic) || fault.KindOf(err) != fault.Internal || fault.PublicMessage(err) != "internal error" {
		t.Errorf("err = %v (kind %v); want ErrPanic, internal, generic public message", err, fault.KindOf(err))
	}
}
