package config

import (
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/envconfig"
	"github.com/ossflow/ossflow/pkg/fault"
)

func TestLoadDefaults(t *testing.T) {
	c, err := Load(envconfig.FromMap(map[string]string{EnvMallocArenaMax: "2"}))
	if err != nil {
		t.Fatalf("Load(empty) = %v; want the defaults", err)
	}
	if got, want := c.Styles.String(), style.DefaultSet().String(); got != want {
		t.Errorf("styles = %s; want the default set %s", got, want)
	}
	if len(c.Styles) != 6 {
		t.Errorf("default set has %d styles; want 6", len(c.Styles))
	}
	if c.Limits.MaxBytes != 20<<20 || c.Limits.MaxSide != 30000 || c.Limits.MaxPixels != 250_000_000 {
		t.Errorf("limits = %+v; want OSS's 20 MiB, 30000 px, 250 MP", c.Limits)
	}
	if c.Layout != DefaultLayout() || c.CacheControl != DefaultCacheControl {
		t.Errorf("layout = %+v, cache = %q; want defaults", c.Layout, c.CacheControl)
	}
	if c.VipsThreads != 1 || c.Parallel < 1 || c.MaxRenders != 2 {
		t.Errorf("concurrency = %d/%d/%d; want 1 thread, >=1 parallel, 2 renders", c.VipsThreads, c.Parallel, c.MaxRenders)
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings = %q; want none with MALLOC_ARENA_MAX set", c.Warnings)
	}
}

func TestLoadOverrides(t *testing.T) {
	c, err := Load(envconfig.FromMap(map[string]string{
		EnvStyles:       "sq=image/resize,m_fill,w_100,h_100/format,webp/quality,Q_70",
		EnvSourcePrefix: "in/",
		EnvKeyTemplate:  "out/{style}/{path}.{ext}",
		EnvFailedPrefix: "out-failed/",
		EnvOutputBucket: "thumbs-bucket",
		EnvMaxBytes:     "5MiB",
		EnvMaxPixels:    "1000000",
		EnvMaxSide:      "4000",
		EnvMaxFrames:    "1",
		EnvFormats:      "jpg, png",
		EnvBackground:   "#000000",
		EnvJPEGQuality:  "90",
		EnvVipsThreads:  "2",
		EnvParallel:     "3",
		EnvMaxRenders:   "1",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Styles) != 1 || c.Styles[0].Name != "sq" || c.Styles[0].Format != style.FormatWebP {
		t.Errorf("styles = %s; want the one configured", c.Styles)
	}
	want := plan.Limits{MaxBytes: 5 << 20, MaxPixels: 1_000_000, MaxSide: 4000, MaxFrames: 1, Formats: []plan.Format{plan.JPEG, plan.PNG}}
	if c.Limits.MaxBytes != want.MaxBytes || c.Limits.MaxPixels != want.MaxPixels || c.Limits.MaxSide != want.MaxSide ||
		c.Limits.MaxFrames != want.MaxFrames || len(c.Limits.Formats) != 2 || c.Limits.Formats[0] != plan.JPEG {
		t.Errorf("limits = %+v; want %+v", c.Limits, want)
	}
	if c.Options.Background != (style.RGB{}) || c.Options.JPEGQuality != 90 {
		t.Errorf("options = %+v; want black background, jpeg quality 90", c.Options)
	}
	if c.Layout.OutputBucket != "thumbs-bucket" || c.Layout.OutputPrefix() != "out/" {
		t.Errorf("layout = %+v; want output bucket thumbs-bucket, prefix out/", c.Layout)
	}
	if c.VipsThreads != 2 || c.Parallel != 3 || c.MaxRenders != 1 {
		t.Errorf("concurrency = %d/%d/%d; want 2/3/1", c.VipsThreads, c.Parallel, c.MaxRenders)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "MALLOC_ARENA_MAX=2") {
		t.Errorf("warnings = %q; want one advising MALLOC_ARENA_MAX=2", c.Warnings)
	}
}

// Every bad setting is a config error at cold start that names the
// variable and, for styles, the offending token.
func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"bad resize width", map[string]string{EnvStyles: "sm=image/resize,w_0"}, []string{EnvStyles, `"sm"`, "w_0"}},
		{"unknown action", map[string]string{EnvStyles: "sm=image/resize,w_10;md=image/sharpn,100"}, []string{EnvStyles, `"md"`, "sharpn"}},
		{"unknown mode", map[string]string{EnvStyles: "a=image/resize,m_squash,w_10"}, []string{EnvStyles, "m_squash"}},
		{"no image prefix", map[string]string{EnvStyles: "a=resize,w_10"}, []string{EnvStyles, `"a"`, "image/"}},
		{"bad style name", map[string]string{EnvStyles: "Big Thumb=image/resize,w_10"}, []string{EnvStyles, "Big Thumb"}},
		{"duplicate name", map[string]string{EnvStyles: "a=image/resize,w_10;a=image/resize,w_20"}, []string{EnvStyles, `"a"`, "twice"}},
		{"only separators", map[string]string{EnvStyles: ";;"}, []string{EnvStyles, "empty"}},
		{"template without style", map[string]string{EnvKeyTemplate: "thumbs/{path}.{ext}"}, []string{"{style}"}},
		{"template unknown placeholder", map[string]string{EnvKeyTemplate: "thumbs/{path}/{style}.{ext}{size}"}, []string{"{size}"}},
		{"template without prefix", map[string]string{EnvKeyTemplate: "{path}/{style}.{ext}"}, []string{"fixed prefix"}},
		{"source under output", map[string]string{EnvSourcePrefix: "thumbs/in/"}, []string{"thumbs/in/", "ignored"}},
		{"failed prefix without slash", map[string]string{EnvFailedPrefix: "failed"}, []string{"failure prefix"}},
		{"bad output bucket", map[string]string{EnvOutputBucket: "Thumbs_Bucket"}, []string{"output bucket"}},
		{"max bytes not a size", map[string]string{EnvMaxBytes: "lots"}, []string{EnvMaxBytes, "lots"}},
		{"max side zero", map[string]string{EnvMaxSide: "0"}, []string{EnvMaxSide}},
		{"svg allowed", map[string]string{EnvFormats: "jpeg,svg"}, []string{EnvFormats, "svg"}},
		{"pdf allowed", map[string]string{EnvFormats: "pdf"}, []string{EnvFormats, "pdf"}},
		{"bad background", map[string]string{EnvBackground: "white"}, []string{EnvBackground, "white"}},
		{"quality 0", map[string]string{EnvWebPQuality: "0"}, []string{EnvWebPQuality}},
		{"threads 0", map[string]string{EnvVipsThreads: "0"}, []string{EnvVipsThreads}},
		{"parallel too high", map[string]string{EnvParallel: "1000"}, []string{EnvParallel}},
		{"renders not a number", map[string]string{EnvMaxRenders: "two"}, []string{EnvMaxRenders}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(envconfig.FromMap(c.env))
			if err == nil {
				t.Fatalf("Load(%v) = nil; want an error naming %q", c.env, c.want)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error = %q; want it to name %q", err, w)
				}
			}
		})
	}
}

func TestLoadJoinsEveryProblem(t *testing.T) {
	_, err := Load(envconfig.FromMap(map[string]string{EnvStyles: "a=image/resize,w_0", EnvMaxSide: "-1", EnvParallel: "x"}))
	for _, v := range []string{EnvStyles, EnvMaxSide, EnvParallel} {
		if err == nil || !strings.Contains(err.Error(), v) {
			t.Errorf("error = %v; want every bad variable named, including %s", err, v)
		}
	}
}

func TestStyleErrorIsInvalid(t *testing.T) {
	_, err := style.ParseSet("a=image/resize,w_0")
	if fault.KindOf(err) != fault.Invalid {
		t.Errorf("style error kind = %s; want invalid", fault.KindOf(err))
	}
}
