package grant

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/envconfig"
	"github.com/ossflow/ossflow/pkg/osskit/callback"
)

func TestLoadConfigDefaults(t *testing.T) {
	c, err := LoadConfig(envconfig.FromMap(map[string]string{EnvBucket: "photos", EnvFCRegion: "cn-shanghai"}))
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	if c.Bucket != "photos" || c.Region != "cn-shanghai" || c.Endpoint != "https://oss-cn-shanghai.aliyuncs.com" || c.PathStyle ||
		c.UploadPrefix != "uploads" || !slices.Equal(c.VariantPrefixes, []string{"thumbs"}) || c.MaxSize != 10<<20 ||
		c.PostExpiry != 10*time.Minute || c.PutExpiry != 10*time.Minute || c.GetExpiry != 15*time.Minute || c.Callback != nil ||
		!slices.Equal(c.ContentTypes, DefaultContentTypes) {
		t.Errorf("defaults = %+v", c)
	}
}

func TestLoadConfigValues(t *testing.T) {
	c, err := LoadConfig(envconfig.FromMap(map[string]string{
		EnvBucket: "photos", EnvRegion: "cn-hangzhou", EnvFCRegion: "cn-beijing", EnvEndpoint: "http://127.0.0.1:9000",
		EnvPathStyle: "true", EnvVariantPrefixes: "thumbs, previews", EnvContentTypes: "image/png, image/x-raw=raw",
		EnvMaxSize: "2MiB", EnvPostExpiry: "5m", EnvGetExpiry: "1h",
		EnvCallbackURL: "https://api.example.com/cb", EnvCallbackBody: `{"object":${object},"user":${x:user}}`, EnvCallbackBodyType: "json",
	}))
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	want := []ContentType{{"image/png", "png"}, {"image/x-raw", "raw"}}
	if c.Region != "cn-hangzhou" || !c.PathStyle || c.MaxSize != 2<<20 || c.PostExpiry != 5*time.Minute || c.GetExpiry != time.Hour ||
		!slices.Equal(c.ContentTypes, want) || !slices.Equal(c.VariantPrefixes, []string{"thumbs", "previews"}) ||
		c.Callback == nil || c.Callback.BodyType != callback.BodyTypeJSON {
		t.Errorf("config = %+v", c)
	}
}

// TestLoadConfigRefuses checks each bad value is named, and that expiry
// caps cannot be raised by configuration.
func TestLoadConfigRefuses(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"nothing set", map[string]string{}, []string{EnvBucket + ": required", EnvRegion + ": required"}},
		{"post expiry over the cap", map[string]string{EnvPostExpiry: "2h"}, []string{EnvPostExpiry + `: got "2h"; want a duration in 1m0s..1h0m0s`}},
		{"put expiry under the floor", map[string]string{EnvPutExpiry: "10s"}, []string{EnvPutExpiry}},
		{"get expiry over the cap", map[string]string{EnvGetExpiry: "24h"}, []string{EnvGetExpiry}},
		{"max size over 5 GiB", map[string]string{EnvMaxSize: "6GiB"}, []string{EnvMaxSize}},
		{"bad bucket", map[string]string{EnvBucket: "Photos_1"}, []string{"Bucket:"}},
		{"unknown type without ext", map[string]string{EnvContentTypes: "image/x-foo"}, []string{EnvContentTypes, "image/x-foo=<ext>"}},
		{"type with params", map[string]string{EnvContentTypes: "image/png; q=1"}, []string{EnvContentTypes}},
		{"prefix with slash", map[string]string{EnvUploadPrefix: "a/b"}, []string{"UploadPrefix"}},
		{"variant equals upload prefix", map[string]string{EnvVariantPrefixes: "uploads"}, []string{"listed twice"}},
		{"endpoint with path", map[string]string{EnvEndpoint: "https://oss.example.com/x"}, []string{"Endpoint"}},
		{"callback without body", map[string]string{EnvCallbackURL: "https://api.example.com/cb"}, []string{EnvCallbackBody + ": required"}},
		{"callback bad variable", map[string]string{EnvCallbackURL: "https://api.example.com/cb", EnvCallbackBody: "k=${key}"}, []string{"Callback:", "${key}"}},
		{"callback type", map[string]string{EnvCallbackURL: "https://x.example/cb", EnvCallbackBody: "o=${object}", EnvCallbackBodyType: "xml"}, []string{EnvCallbackBodyType}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{EnvBucket: "photos", EnvRegion: "cn-hangzhou"}
			if len(tt.env) == 0 {
				env = map[string]string{}
			}
			for k, v := range tt.env {
				env[k] = v
			}
			_, err := LoadConfig(envconfig.FromMap(env))
			if err == nil {
				t.Fatalf("LoadConfig succeeded; want an error naming %v", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestValidateCapsExpiry(t *testing.T) {
	c := testConfig()
	c.PostExpiry = MaxUploadExpiry + time.Second
	if _, err := NewMinter(c, zeroRand()); err == nil || !strings.Contains(err.Error(), "PostExpiry") {
		t.Errorf("NewMinter with PostExpiry over the cap: err = %v; want PostExpiry refused", err)
	}
	if _, err := NewMinter(testConfig(), nil); err == nil {
		t.Errorf("NewMinter without randomness succeeded")
	}
}
