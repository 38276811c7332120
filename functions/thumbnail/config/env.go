package config

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ossflow/ossflow/functions/thumbnail/plan"
	"github.com/ossflow/ossflow/functions/thumbnail/style"
	"github.com/ossflow/ossflow/pkg/envconfig"
)

// The environment variables Load reads. Every one is optional.
const (
	EnvStyles       = "THUMB_STYLES"        // name=image/...;name=image/...
	EnvSourcePrefix = "THUMB_SOURCE_PREFIX" // e.g. uploads/
	EnvKeyTemplate  = "THUMB_KEY_TEMPLATE"  // e.g. thumbs/{path}/{style}.{ext}
	EnvFailedPrefix = "THUMB_FAILED_PREFIX" // e.g. thumbs/_failed/
	EnvOutputBucket = "THUMB_OUTPUT_BUCKET" // empty: the source's bucket
	EnvCacheControl = "THUMB_CACHE_CONTROL"
	EnvMaxBytes     = "THUMB_MAX_BYTES"  // 20MiB, or plain bytes
	EnvMaxPixels    = "THUMB_MAX_PIXELS" // width × height × frames
	EnvMaxSide      = "THUMB_MAX_SIDE"
	EnvMaxFrames    = "THUMB_MAX_FRAMES"
	EnvFormats      = "THUMB_FORMATS" // comma-separated: jpeg,png,gif,webp,tiff,heif,avif
	EnvBackground   = "THUMB_BACKGROUND"
	EnvJPEGQuality  = "THUMB_JPEG_QUALITY"
	EnvWebPQuality  = "THUMB_WEBP_QUALITY"
	EnvAVIFQuality  = "THUMB_AVIF_QUALITY"
	EnvVipsThreads  = "THUMB_VIPS_THREADS"
	EnvParallel     = "THUMB_PARALLEL"
	EnvMaxRenders   = "THUMB_MAX_RENDERS"
	// EnvMallocArenaMax is read only to warn when it is unset; see the package comment.
	EnvMallocArenaMax = "MALLOC_ARENA_MAX"
)

// Load reads the configuration through lookup (os.LookupEnv in main,
// envconfig.FromMap in tests), starting from Default, and validates it. The
// error joins every problem, each naming its variable; a bad style names
// the style and the offending token, e.g.
// `THUMB_STYLES: style "sm": resize: w_0: width must be 1..16384`.
func Load(lookup func(string) (string, bool)) (Config, error) {
	l := envconfig.New(lookup)
	c := Default()
	if s := l.String(EnvStyles, ""); s != "" {
		set, err := style.ParseSet(s)
		if err != nil {
			l.Fail(EnvStyles, "%v", err)
		} else {
			c.Styles = set
		}
	}
	c.Layout = Layout{
		SourcePrefix: l.String(EnvSourcePrefix, c.Layout.SourcePrefix),
		Template:     l.String(EnvKeyTemplate, c.Layout.Template),
		FailedPrefix: l.String(EnvFailedPrefix, c.Layout.FailedPrefix),
		OutputBucket: l.String(EnvOutputBucket, ""),
	}
	c.CacheControl = l.String(EnvCacheControl, c.CacheControl)

	d := c.Limits
	c.Limits.MaxBytes = l.Bytes(EnvMaxBytes, d.MaxBytes, 1, 1<<30)
	c.Limits.MaxPixels = int64(l.Int(EnvMaxPixels, int(d.MaxPixels), 1, math.MaxInt32))
	c.Limits.MaxSide = l.Int(EnvMaxSide, d.MaxSide, 1, style.MaxSide)
	c.Limits.MaxFrames = l.Int(EnvMaxFrames, d.MaxFrames, 1, 100_000)
	c.Limits.Formats = formats(l, d.Formats)

	if v := l.String(EnvBackground, ""); v != "" {
		rgb, ok := parseRGB(v)
		if !ok {
			l.Fail(EnvBackground, "got %q; want six hex digits such as FFFFFF", v)
		}
		c.Options.Background = rgb
	}
	c.Options.JPEGQuality = l.Int(EnvJPEGQuality, c.Options.JPEGQuality, 1, 100)
	c.Options.WebPQuality = l.Int(EnvWebPQuality, c.Options.WebPQuality, 1, 100)
	c.Options.AVIFQuality = l.Int(EnvAVIFQuality, c.Options.AVIFQuality, 1, 100)
	c.VipsThreads = l.Int(EnvVipsThreads, c.VipsThreads, 1, 64)
	c.Parallel = l.Int(EnvParallel, c.Parallel, 1, 64)
	c.MaxRenders = l.Int(EnvMaxRenders, c.MaxRenders, 1, 64)

	if v, ok := lookup(EnvMallocArenaMax); !ok || strings.TrimSpace(v) == "" {
		c.Warnings = append(c.Warnings, EnvMallocArenaMax+" is unset: glibc's per-thread arenas let RSS creep under libvips; deploy with MALLOC_ARENA_MAX=2")
	}
	if err := l.Err(); err != nil {
		return Config{}, err
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// formats reads the allowed source formats; "jpg" is accepted for "jpeg".
// SVG, PDF and unknown names are errors naming the variable.
func formats(l *envconfig.Loader, def []plan.Format) []plan.Format {
	names := l.List(EnvFormats, nil)
	if names == nil {
		return def
	}
	allowed := plan.DefaultLimits().Formats
	var out []plan.Format
	for _, n := range names {
		f := plan.Format(strings.ToLower(n))
		if f == "jpg" {
			f = plan.JPEG
		}
		if !slices.Contains(allowed, f) {
			l.Fail(EnvFormats, "format %q cannot be allowed; want some of jpeg, png, gif, webp, tiff, heif, avif", n)
			continue
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return def
	}
	return out
}

func parseRGB(s string) (style.RGB, bool) {
	s = strings.TrimPrefix(s, "#")
	if len(s) != 6 {
		return style.RGB{}, false
	}
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return style.RGB{}, false
	}
	return style.RGB{R: uint8(n >> 16), G: uint8(n >> 8), B: uint8(n)}, true
}
