package callerauth

import (
	"strings"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	with := func(f func(*Config)) Config { c := baseConfig(); f(&c); return c.WithDefaults() }
	tests := []struct {
		name    string
		cfg     Config
		wantErr []string // substrings that must all appear; none means valid
	}{
		{name: "HS256", cfg: with(func(c *Config) { c.HS256Secret = secret })},
		{name: "JWKS URL", cfg: with(func(c *Config) { c.JWKSURL = "https://idp.example.com/.well-known/jwks.json" })},
		{name: "JWKS URL on loopback http", cfg: with(func(c *Config) { c.JWKSURL = "http://127.0.0.1:9000/jwks" })},
		{name: "JWKS file", cfg: with(func(c *Config) { c.JWKSFile = "/etc/jwks.json" })},
		{name: "trust FC", cfg: with(func(c *Config) { c.TrustFCJWT = true })},
		{name: "no key source", cfg: with(func(c *Config) {}), wantErr: []string{"key source: set one of"}},
		{name: "two key sources", cfg: with(func(c *Config) { c.HS256Secret = secret; c.JWKSFile = "/x" }),
			wantErr: []string{"exactly one"}},
		{name: "trust FC with a key", cfg: with(func(c *Config) { c.TrustFCJWT = true; c.HS256Secret = secret }),
			wantErr: []string{"TrustFCJWT"}},
		{name: "short secret", cfg: with(func(c *Config) { c.HS256Secret = []byte("short") }),
			wantErr: []string{"HS256Secret: 5 bytes; want at least 32"}},
		{name: "plain http JWKS", cfg: with(func(c *Config) { c.JWKSURL = "http://idp.example.com/jwks" }),
			wantErr: []string{"JWKSURL: must be https"}},
		{name: "leeway too big", cfg: with(func(c *Config) { c.HS256Secret = secret; c.Leeway = 10 * time.Minute }),
			wantErr: []string{"Leeway: 10m0s out of range"}},
		{name: "negative leeway", cfg: with(func(c *Config) { c.HS256Secret = secret; c.Leeway = -time.Second }),
			wantErr: []string{"Leeway"}},
		{name: "all errors at once",
			cfg:     Config{JWKSURL: "ftp://x", Leeway: time.Hour, JWKSRefreshMinimum: time.Second, JWKSMaxAge: time.Second},
			wantErr: []string{"Issuer: required", "Audiences: at least one", "Leeway", "IdentityClaim: required", "JWKSURL: scheme"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if len(tc.wantErr) == 0 {
				if err != nil {
					t.Fatalf("Validate: %v; want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate = nil; want errors %q", tc.wantErr)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestLoadConfig(t *testing.T) {
	secret := "0123456789abcdef0123456789abcdef-env"
	env := map[string]string{
		EnvIssuer: testIssuer, EnvAudiences: "a, b", EnvLeeway: "30s", EnvHS256Secret: secret,
		EnvIdentityClaim: "email",
	}
	getenv := func(k string) string { return env[k] }
	c, err := LoadConfig(getenv)
	if err != nil {
		t.Fatal(err)
	}
	if c.Issuer != testIssuer || len(c.Audiences) != 2 || c.Leeway != 30*time.Second ||
		string(c.HS256Secret) != secret || c.IdentityClaim != "email" || c.JWKSRefreshMinimum != DefaultJWKSRefreshMinimum {
		t.Errorf("LoadConfig = %+v; want the environment's values and defaults", c)
	}

	env[EnvLeeway] = "soon"
	env[EnvTrustFCJWT] = "yes please"
	env[EnvDevUsers] = "only-a-token"
	_, err = LoadConfig(getenv)
	for _, w := range []string{EnvLeeway, EnvTrustFCJWT, EnvDevUsers + ": entry 0"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("LoadConfig error = %v; want it to name %s", err, w)
		}
	}
	if err != nil && (strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "only-a-token")) {
		t.Errorf("LoadConfig error %q quotes a secret", err)
	}
}

func TestLoadConfigDevUsers(t *testing.T) {
	env := map[string]string{EnvDevMode: "true", EnvDevUsers: "t1=alice, t2=bob"}
	c, err := LoadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if !c.DevMode || c.DevUsers["t1"] != "alice" || c.DevUsers["t2"] != "bob" {
		t.Errorf("LoadConfig = %+v; want dev mode with two users", c)
	}
}
