package cloud

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/internal/nodetest"
)

// requireBrowser skips locally but fails under CI when node,
// playwright-core or Chromium is missing, so CI cannot pass without
// running the browser.
func requireBrowser(t *testing.T) {
	t.Helper()
	nodetest.Require(t, "playwright-core")
	nodetest.Chromium(t)
}

type pageUpload struct {
	Name, State, Message string
	Variants             []struct {
		Style, Caption string
		Width, Height  int
	}
}

// drivePage runs tools/node/demo-browser.js: sign in as user, upload
// files in mode, wait for every card to settle.
func drivePage(t *testing.T, demoURL, user, mode, shot string, files ...string) []pageUpload {
	t.Helper()
	var res struct{ Uploads []pageUpload }
	nodetest.Run(t, "demo-browser.js", nil, &res, append([]string{demoURL, user, mode, shot}, files...)...)
	return res.Uploads
}

// TestDemoPageInBrowser signs in on the demo page in headless Chromium,
// uploads a JPEG with a POST policy and with STS credentials and sees every
// variant rendered at its size, then tries a 20 MB JPEG and a GIF and sees
// each refused with the reason. OSSFLOW_UPDATE_SCREENSHOT=1 rewrites docs/demo.png.
func TestDemoPageInBrowser(t *testing.T) {
	requireBrowser(t)
	d := startDaemon(t)
	dir := t.TempDir()
	photo := filepath.Join(dir, "photo.jpg")
	big := filepath.Join(dir, "huge.jpg")
	gif := filepath.Join(dir, "anim.gif")
	if err := os.WriteFile(gif, []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(photo, testJPEG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(big, bytes.Repeat([]byte{0xff}, 20<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "demo.png")
	if os.Getenv("OSSFLOW_UPDATE_SCREENSHOT") == "1" {
		shot = filepath.Join(repoRoot, "docs", "demo.png")
	}
	want := map[string][2]int{"sm": {200, 200}, "sm-webp": {200, 200}, "md": {640, 480},
		"md-webp": {640, 480}, "lg": {1280, 960}, "lg-webp": {1280, 960}}

	for _, mode := range []string{"post", "sts"} {
		t.Run("upload with "+mode, func(t *testing.T) {
			ups := drivePage(t, d.e.Demo, "alice", mode, shot, photo)
			if len(ups) != 1 || ups[0].State != "done" {
				t.Fatalf("uploads = %+v; want one in state done", ups)
			}
			got := map[string][2]int{}
			for _, v := range ups[0].Variants {
				got[v.Style] = [2]int{v.Width, v.Height}
			}
			for style, size := range want {
				if got[style] != size {
					t.Errorf("variant %s rendered at %v; want %v", style, got[style], size)
				}
			}
			if shot != "-" {
				if fi, err := os.Stat(shot); err != nil || fi.Size() == 0 {
					t.Errorf("screenshot %s: %v", shot, err)
				}
				shot = "-" // one screenshot, of the POST policy upload
			}
		})
	}

	t.Run("too big and wrong type refused", func(t *testing.T) {
		ups := drivePage(t, d.e.Demo, "bob", "post", "-", big, gif)
		if len(ups) != 2 {
			t.Fatalf("uploads = %+v; want two", ups)
		}
		want := map[string][]string{"huge.jpg": {"too big", "10485760"}, "anim.gif": {"wrong type", "image/gif", "image/jpeg"}}
		for _, u := range ups {
			if u.State != "refused" || len(u.Variants) != 0 {
				t.Errorf("%s: state %q with %d variants; want refused with none", u.Name, u.State, len(u.Variants))
			}
			for _, w := range want[u.Name] {
				if !strings.Contains(u.Message, w) {
					t.Errorf("%s: message = %q; want it to contain %q", u.Name, u.Message, w)
				}
			}
		}
	})
}
