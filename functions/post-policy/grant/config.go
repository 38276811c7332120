package grant

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
	"github.com/ossflow/ossflow/pkg/osskit/callback"
)

// Defaults and bounds of Config.
const (
	DefaultUploadPrefix = "uploads"
	DefaultMaxSize      = 10 << 20 // 10 MiB
	// MaxMaxSize is OSS's limit for one PostObject or PutObject (5 GiB).
	MaxMaxSize        = 5 << 30
	DefaultPostExpiry = 10 * time.Minute
	DefaultPutExpiry  = 10 * time.Minute
	DefaultGetExpiry  = 15 * time.Minute
	// MaxUploadExpiry caps how long a form or PUT URL works: a leaked one
	// lets anyone write one object into the caller's space until then.
	MaxUploadExpiry = time.Hour
	// MaxGetExpiry caps presigned GET URLs.
	MaxGetExpiry = 12 * time.Hour
	// MinExpiry keeps lifetimes long enough for a slow client to start.
	MinExpiry = time.Minute
)

// DefaultVariantPrefixes are the prefixes under which derived objects of a
// caller's uploads live (the thumbnail function writes thumbs/<user>/...).
var DefaultVariantPrefixes = []string{"thumbs"}

// Config is what the function grants. Build it with LoadConfig or by hand,
// then NewMinter calls WithDefaults and Validate.
type Config struct {
	// Bucket receives the uploads.
	Bucket string
	// Region is the OSS region id, e.g. cn-hangzhou (V4 signing scope).
	Region string
	// Endpoint is the public OSS endpoint browsers talk to, e.g.
	// https://oss-cn-hangzhou.aliyuncs.com; default derived from Region.
	Endpoint string
	// PathStyle puts the bucket in the path (http://host/bucket/key), as
	// the local emulator needs; otherwise bucket.host is used.
	PathStyle bool
	// UploadPrefix is the first key segment of every upload (default uploads).
	UploadPrefix string
	// VariantPrefixes are other first segments whose <prefix>/<user>/...
	// objects the caller may read (default thumbs).
	VariantPrefixes []string
	// ContentTypes is the upload allowlist (default DefaultContentTypes).
	ContentTypes []ContentType
	// MaxSize is the largest upload in bytes (default 10 MiB).
	MaxSize int64
	// PostExpiry, PutExpiry and GetExpiry are how long a form, a PUT URL
	// and a GET URL work (defaults 10 min, 10 min, 15 min).
	PostExpiry, PutExpiry, GetExpiry time.Duration
	// Callback, when set, is attached to every PostObject form so OSS
	// calls it after the upload; the form field x:user carries the caller.
	Callback *callback.Callback
}

// WithDefaults returns c with zero fields set to their defaults.
func (c Config) WithDefaults() Config {
	if c.Endpoint == "" && c.Region != "" {
		c.Endpoint = "https://oss-" + c.Region + ".aliyuncs.com"
	}
	if c.UploadPrefix == "" {
		c.UploadPrefix = DefaultUploadPrefix
	}
	if c.VariantPrefixes == nil {
		c.VariantPrefixes = append([]string(nil), DefaultVariantPrefixes...)
	}
	if len(c.ContentTypes) == 0 {
		c.ContentTypes = append([]ContentType(nil), DefaultContentTypes...)
	}
	if c.MaxSize == 0 {
		c.MaxSize = DefaultMaxSize
	}
	if c.PostExpiry == 0 {
		c.PostExpiry = DefaultPostExpiry
	}
	if c.PutExpiry == 0 {
		c.PutExpiry = DefaultPutExpiry
	}
	if c.GetExpiry == 0 {
		c.GetExpiry = DefaultGetExpiry
	}
	return c
}

// Validate reports every problem with c at once, joined, each naming the field.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if _, err := osskit.NewBucket(c.Bucket); err != nil {
		bad("Bucket: %v", err)
	}
	if c.Region == "" || strings.ContainsAny(c.Region, "/ ") || strings.HasPrefix(c.Region, "oss-") {
		bad("Region: %q is not a region id such as cn-hangzhou", c.Region)
	}
	if u, err := url.Parse(c.Endpoint); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		bad("Endpoint: %q is not a base URL such as https://oss-cn-hangzhou.aliyuncs.com", c.Endpoint)
	}
	prefixes := map[string]bool{}
	for i, p := range append([]string{c.UploadPrefix}, c.VariantPrefixes...) {
		name := "UploadPrefix"
		if i > 0 {
			name = fmt.Sprintf("VariantPrefixes[%d]", i-1)
		}
		if err := osskit.ValidateGenerated(p); err != nil || strings.Contains(p, "/") {
			bad("%s: %q must be one key segment without /, . or ..", name, p)
		}
		if prefixes[p] {
			bad("%s: %q is listed twice", name, p)
		}
		prefixes[p] = true
	}
	seen := map[string]bool{}
	for i, ct := range c.ContentTypes {
		if _, err := ParseContentType(ct.Type + "=" + ct.Ext); err != nil {
			bad("ContentTypes[%d]: %v", i, err)
		}
		if seen[ct.Type] {
			bad("ContentTypes[%d]: %s is listed twice", i, ct.Type)
		}
		seen[ct.Type] = true
	}
	if c.MaxSize < 1 || c.MaxSize > MaxMaxSize {
		bad("MaxSize: %d out of range 1..%d", c.MaxSize, int64(MaxMaxSize))
	}
	for _, e := range []struct {
		name string
		d    time.Duration
		max  time.Duration
	}{{"PostExpiry", c.PostExpiry, MaxUploadExpiry}, {"PutExpiry", c.PutExpiry, MaxUploadExpiry}, {"GetExpiry", c.GetExpiry, MaxGetExpiry}} {
		if e.d < MinExpiry || e.d > e.max {
			bad("%s: %s out of range %s..%s", e.name, e.d, MinExpiry, e.max)
		}
	}
	if c.Callback != nil {
		cb := *c.Callback
		cb.FormVars = []string{userVar}
		if err := cb.Validate(); err != nil {
			bad("Callback: %v", err)
		}
		if len(cb.Vars) > 0 {
			bad("Callback: Vars are not supported; use ${%s} for the caller", userVar)
		}
	}
	return errors.Join(errs...)
}

// userVar is the callback form variable carrying the caller's key segment.
const userVar = "x:user"
