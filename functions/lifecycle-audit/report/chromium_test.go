package report

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ossflow/ossflow/internal/nodetest"
)

// TestHTMLInChromium renders the page in headless Chromium, checks that the
// rendered DOM holds the three charts and that the screenshot shows the
// Standard and Archive bar colours. Set UPDATE_SCREENSHOT=1 to refresh the
// README's screenshot in ../testdata. Under CI a missing Chromium fails
// the test instead of skipping it.
func TestHTMLInChromium(t *testing.T) {
	bin := nodetest.Chromium(t)
	prev := sample(nil)
	prev.History = []Point{{Date: "2026-10-22", BilledBytes: 2 << 30}, {Date: "2026-11-08", BilledBytes: 5 << 30}}
	r := sample(&prev)
	dir := t.TempDir()
	htmlPath := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	if err := WriteHTML(&b, &r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(htmlPath, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-dev-shm-usage", "--user-data-dir=" + filepath.Join(dir, "profile")}

	dom, err := exec.CommandContext(ctx, bin, append(args, "--dump-dom", "file://"+htmlPath)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	for _, want := range []string{`<svg id="bands"`, `<svg id="cost"`, `<svg id="trend"`, "NONCURRENT_NO_EXPIRATION"} {
		if !bytes.Contains(dom, []byte(want)) {
			t.Errorf("rendered DOM lacks %q", want)
		}
	}

	shot := filepath.Join(dir, "report.png")
	cmd := exec.CommandContext(ctx, bin, append(args, "--hide-scrollbars", "--window-size=1100,1400", "--screenshot="+shot, "file://"+htmlPath)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	for name, c := range map[string]color.RGBA{"Standard": {0xe4, 0x57, 0x2e, 0xff}, "Archive": {0x29, 0x33, 0x5c, 0xff}} {
		if n := countColour(img, c); n < 200 {
			t.Errorf("screenshot has %d pixels of the %s colour; want a drawn bar (>= 200)", n, name)
		}
	}
	if os.Getenv("UPDATE_SCREENSHOT") == "1" {
		data, _ := os.ReadFile(shot)
		if err := os.WriteFile("../testdata/report.png", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func countColour(img image.Image, want color.RGBA) int {
	n := 0
	b := img.Bounds()
	near := func(a uint32, b uint8) bool { d := int(a>>8) - int(b); return d > -6 && d < 6 }
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r, want.R) && near(g, want.G) && near(bl, want.B) {
				n++
			}
		}
	}
	return n
}
