package config

import (
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/envconfig"
)

// FuzzVariantKey checks the property that keeps the function out of a
// trigger loop: whatever the source key, an output key it gets is a valid
// generated key that the same layout treats as an output, never a source.
func FuzzVariantKey(f *testing.F) {
	for _, s := range []string{"uploads/a/b.jpg", "uploads/../x", "uploads/a//b", "uploads/.jpg", "uploads/{style}.jpg", "uploads/thumbs/x.png"} {
		f.Add(s, "sm", "jpg")
	}
	layouts := []Layout{DefaultLayout(), {Template: "t/{style}/{path}.{ext}", FailedPrefix: "failed/"}}
	f.Fuzz(func(t *testing.T, src, style, ext string) {
		for _, l := range layouts {
			if k, err := l.VariantKey(src, style, ext); err == nil {
				if !strings.HasPrefix(k.String(), l.OutputPrefix()) || !l.IsOutput(k.String()) {
					t.Errorf("VariantKey(%q, %q, %q) = %q; not under the output prefix %q", src, style, ext, k, l.OutputPrefix())
				}
			}
			if k, err := l.FailureKey(src); err == nil && !l.IsOutput(k.String()) {
				t.Errorf("FailureKey(%q) = %q; not treated as an output", src, k)
			}
		}
	})
}

// FuzzLoadStyles: any THUMB_STYLES value loads or fails with an error that
// names the variable; it never panics.
func FuzzLoadStyles(f *testing.F) {
	for _, s := range []string{"sm=image/resize,w_100", "a=image/crop,w_10,h_10,g_se/rotate,90", ";", "x=image/", "a=image/resize,p_1000/quality,q_1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := Load(envconfig.FromMap(map[string]string{EnvStyles: s}))
		if err != nil && !strings.Contains(err.Error(), EnvStyles) {
			t.Errorf("Load(%q) = %v; want the error to name %s", s, err, EnvStyles)
		}
	})
}
