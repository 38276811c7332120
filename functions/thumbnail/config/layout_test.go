package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/osskit"
)

func TestVariantKey(t *testing.T) {
	def := DefaultLayout()
	flat := Layout{SourcePrefix: "", Template: "t/{style}/{path}.{ext}", FailedPrefix: "t/_failed/"}
	cases := []struct {
		l          Layout
		src, style string
		ext, want  string
	}{
		{def, "uploads/a/b.jpg", "sm", "jpg", "thumbs/a/b/sm.jpg"},
		{def, "uploads/a/b.jpg", "md-webp", "webp", "thumbs/a/b/md-webp.webp"},
		{def, "uploads/photo.final.PNG", "lg", "png", "thumbs/photo.final/lg.png"},
		{def, "uploads/noext", "sm", "jpg", "thumbs/noext/sm.jpg"},
		{def, "uploads/dir.d/noext", "sm", "jpg", "thumbs/dir.d/noext/sm.jpg"},
		{def, "uploads/.hidden", "sm", "jpg", "thumbs/.hidden/sm.jpg"},
		{def, "uploads/中文/图片.jpeg", "sm", "webp", "thumbs/中文/图片/sm.webp"},
		{flat, "x/y.gif", "sm", "png", "t/sm/x/y.png"},
	}
	for _, c := range cases {
		k, err := c.l.VariantKey(c.src, c.style, c.ext)
		if err != nil || k.String() != c.want {
			t.Errorf("VariantKey(%q, %q, %q) = %q, %v; want %q", c.src, c.style, c.ext, k, err, c.want)
		}
	}
}

// Source keys that could climb out of the output prefix, or lie outside
// the source prefix, get no output key.
func TestVariantKeyRefuses(t *testing.T) {
	l := DefaultLayout()
	for _, src := range []string{"other/a.jpg", "uploads/", "uploads/../etc/x.jpg", "uploads/a//b.jpg", "uploads/./a.jpg", "uploads/" + strings.Repeat("x", 1020)} {
		k, err := l.VariantKey(src, "sm", "jpg")
		if err == nil || !errors.Is(err, osskit.ErrInvalidArgument) {
			t.Errorf("VariantKey(%.40q) = %q, %v; want ErrInvalidArgument", src, k, err)
		}
	}
}

func TestFailureKeyAndOwnership(t *testing.T) {
	l := DefaultLayout()
	k, err := l.FailureKey("uploads/a/b.jpg")
	if err != nil || k.String() != "thumbs/_failed/uploads/a/b.jpg.json" {
		t.Errorf("FailureKey = %q, %v; want thumbs/_failed/uploads/a/b.jpg.json", k, err)
	}
	for key, want := range map[string]bool{
		"thumbs/a/b/sm.jpg": true, "thumbs/_failed/uploads/x.json": true, "uploads/thumbs/x.jpg": false, "thumbsx/a.jpg": false,
	} {
		if got := l.IsOutput(key); got != want {
			t.Errorf("IsOutput(%q) = %v; want %v", key, got, want)
		}
	}
	other := Layout{Template: "thumbs/{path}/{style}.{ext}", FailedPrefix: "failed/", OutputBucket: "out-bucket"}
	if other.IsOutput("failed/a.json") != true || other.Bucket("src") != "out-bucket" || DefaultLayout().Bucket("src") != "src" {
		t.Error("failure prefix outside the template prefix must count as output; output bucket must override the source's")
	}
}
