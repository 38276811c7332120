package callback

import (
	"context"
	"strings"
	"testing"
)

// SSRF guard: the key URL comes from a header anyone can send. Only the host
// OSS publishes keys on (gosspublic.alicdn.com, per the callback doc
// https://www.alibabacloud.com/help/en/oss/developer-reference/callback and
// the official Java/PHP/Ruby samples' prefix check) may be fetched.
func TestKeyURLPolicy(t *testing.T) {
	def := newKeyURLPolicy(plainConfig())
	up := newKeyURLPolicy(DefaultConfig())
	tests := []struct {
		name, raw string
		policy    keyURLPolicy
		want      string // fetched URL; "" means rejected
	}{
		{"oss http", "http://gosspublic.alicdn.com/callback_pub_key_v1.pem", def, "http://gosspublic.alicdn.com/callback_pub_key_v1.pem"},
		{"oss https", "https://gosspublic.alicdn.com/callback_pub_key_v1.pem", def, "https://gosspublic.alicdn.com/callback_pub_key_v1.pem"},
		{"upgraded to https", "http://gosspublic.alicdn.com/callback_pub_key_v1.pem", up, "https://gosspublic.alicdn.com/callback_pub_key_v1.pem"},
		{"host case folded", "http://GossPublic.AliCDN.com/k.pem", def, "http://gosspublic.alicdn.com/k.pem"},
		{"explicit default port", "https://gosspublic.alicdn.com:443/k.pem", def, "https://gosspublic.alicdn.com/k.pem"},
		{"metadata IP", "http://169.254.169.254/latest/meta-data/", def, ""},
		{"loopback IP", "http://127.0.0.1/k.pem", def, ""},
		{"IPv6 loopback", "http://[::1]/k.pem", def, ""},
		{"localhost not allowlisted", "http://localhost/k.pem", def, ""},
		{"suffix trick", "http://gosspublic.alicdn.com.evil.com/k.pem", def, ""},
		{"prefix trick", "http://evilgosspublic.alicdn.com/k.pem", def, ""},
		{"subdomain", "http://x.gosspublic.alicdn.com/k.pem", def, ""},
		{"trailing dot", "http://gosspublic.alicdn.com./k.pem", def, ""},
		{"userinfo", "http://user@gosspublic.alicdn.com/k.pem", def, ""},
		{"userinfo host swap", "http://gosspublic.alicdn.com@169.254.169.254/k.pem", def, ""},
		{"backslash host swap", `http://evil.com\@gosspublic.alicdn.com/k.pem`, def, ""},
		{"other port", "http://gosspublic.alicdn.com:8080/k.pem", def, ""},
		{"https on port 80", "https://gosspublic.alicdn.com:80/k.pem", def, ""},
		{"file scheme", "file:///etc/passwd", def, ""},
		{"ftp scheme", "ftp://gosspublic.alicdn.com/k.pem", def, ""},
		{"gopher scheme", "gopher://gosspublic.alicdn.com/k.pem", def, ""},
		{"no scheme", "gosspublic.alicdn.com/k.pem", def, ""},
		{"opaque", "http:gosspublic.alicdn.com/k.pem", def, ""},
		{"query", "http://gosspublic.alicdn.com/k.pem?x=1", def, ""},
		{"fragment", "http://gosspublic.alicdn.com/k.pem#x", def, ""},
		{"no path", "http://gosspublic.alicdn.com", def, ""},
		{"space", "http://gosspublic.alicdn.com/k .pem", def, ""},
		{"newline", "http://gosspublic.alicdn.com/k.pem\r\nHost: evil", def, ""},
		{"too long", "http://gosspublic.alicdn.com/" + strings.Repeat("a", maxKeyURL), def, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.policy.check(tt.raw)
			if tt.want == "" {
				if err == nil || ReasonOf(err) != ReasonKeyURLRejected {
					t.Fatalf("check(%q) = %q, %v; want %s", tt.raw, got, err, ReasonKeyURLRejected)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("check(%q) = %q, %v; want %q", tt.raw, got, err, tt.want)
			}
		})
	}
}

func TestIsIPLiteral(t *testing.T) {
	for h, want := range map[string]bool{
		"127.0.0.1": true, "::1": true, "[fe80::1]": true, "127.1": true, "2130706433": true,
		"0x7f.1": true, "0x7f000001": true, "gosspublic.alicdn.com": false, "localhost": false, "a1.b2": false,
	} {
		if got := isIPLiteral(h); got != want {
			t.Errorf("isIPLiteral(%q) = %v; want %v", h, got, want)
		}
	}
}

// An SSRF attempt through the Verifier never reaches the network.
func TestVerifyForeignKeyHostNotFetched(t *testing.T) {
	key, _, _ := keys(t)
	ks := newKeyServer(t, false)
	v := newTestVerifier(t, plainConfig(), ks.client(), nil)
	for _, u := range []string{
		"http://169.254.169.254/callback_pub_key_v1.pem",
		"http://localhost/callback_pub_key_v1.pem",
		"http://gosspublic.alicdn.com.evil.com/callback_pub_key_v1.pem",
		"http://user@gosspublic.alicdn.com/callback_pub_key_v1.pem",
		"file:///etc/passwd",
	} {
		r := signedRequest(t, key, u, "/cb", []byte("object=a"))
		if _, err := v.Verify(context.Background(), r); ReasonOf(err) != ReasonKeyURLRejected {
			t.Errorf("key URL %q: Verify = %v; want %s", u, err, ReasonKeyURLRejected)
		}
	}
	if n := ks.fetches.Load(); n != 0 {
		t.Errorf("key fetches = %d; want 0", n)
	}
}

// Localhost is accepted only once a deployment allowlists it (the local
// emulator does).
func TestVerifyAllowlistedLocalhost(t *testing.T) {
	key, _, _ := keys(t)
	ks := newKeyServer(t, false)
	cfg := plainConfig()
	cfg.KeyHosts = []string{"localhost"}
	v := newTestVerifier(t, cfg, ks.client(), nil)
	r := signedRequest(t, key, "http://localhost"+keyPath, "/cb", []byte("object=a"))
	if _, err := v.Verify(context.Background(), r); err != nil {
		t.Fatalf("Verify = %v; want nil", err)
	}
	r = signedRequest(t, key, ossKeyURL, "/cb", []byte("object=a"))
	if _, err := v.Verify(context.Background(), r); ReasonOf(err) != ReasonKeyURLRejected {
		t.Errorf("default host after replacing KeyHosts: Verify = %v; want %s", err, ReasonKeyURLRejected)
	}
}

func TestConfigValidate(t *testing.T) {
	bad := []func(c *Config){
		func(c *Config) { c.KeyHosts = nil },
		func(c *Config) { c.KeyHosts = []string{"169.254.169.254"} },
		func(c *Config) { c.KeyHosts = []string{"host:8080"} },
		func(c *Config) { c.KeyHosts = []string{"user@host"} },
		func(c *Config) { c.FetchTimeout = 0 },
		func(c *Config) { c.MaxKeyBytes = 0 },
		func(c *Config) { c.MinKeyBits = 256 },
		func(c *Config) { c.MaxBodyBytes = -1 },
		func(c *Config) { c.CacheSize = 0 },
		func(c *Config) { c.CacheTTL = 0 },
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("DefaultConfig().Validate() = %v; want nil", err)
	}
	for i, mutate := range bad {
		c := DefaultConfig()
		mutate(&c)
		if err := c.Validate(); ReasonOf(err) != ReasonInvalidConfig {
			t.Errorf("case %d: Validate = %v; want %s", i, err, ReasonInvalidConfig)
		}
	}
}
