package cloud

import (
	"errors"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/audit"
	postgrant "github.com/ossflow/ossflow/functions/post-policy/grant"
	stsconfig "github.com/ossflow/ossflow/functions/sts-token/config"
	thumbconfig "github.com/ossflow/ossflow/functions/thumbnail/config"
	"github.com/ossflow/ossflow/localstack/template"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/envconfig"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
)

var testSite = Site{OSS: "http://127.0.0.1:9100", STS: "http://127.0.0.1:9200",
	DemoOrigins: []string{"http://127.0.0.1:9300"}, Issuer: "http://127.0.0.1:9300", Audience: DemoAudience,
	HS256Secret: "test-hs256-secret-0123456789abcdef0123", AccountID: template.DefaultAccountID,
	Bucket: DefaultBucket}

// loadReal resolves the repository's template.yml with the built-in
// overrides and over laid on them, from an empty environment.
func loadReal(t *testing.T, over template.LocalConfig) *template.Template {
	t.Helper()
	tpl, _, err := template.Load(filepath.Join(repoRoot, "template.yml"), template.Options{
		Local: Merge(Defaults(testSite), over), LookupEnv: func(string) (string, bool) { return "", false }})
	if err != nil {
		t.Fatalf("template.yml with the local defaults and no environment: %v", err)
	}
	return tpl
}

// TestDefaultsSatisfyEveryFunctionConfig feeds each function's own config
// loaders the environment the FC emulator would give it under the built-in
// local overrides, so `make run` on a fresh clone cannot start a function
// that refuses its config.
func TestDefaultsSatisfyEveryFunctionConfig(t *testing.T) {
	example, err := template.LoadLocalConfig(filepath.Join(repoRoot, "localstack", "config.example.yml"))
	if err != nil {
		t.Fatalf("config.example.yml: %v", err)
	}
	for name, over := range map[string]template.LocalConfig{"defaults": {}, "config.example.yml": example} {
		t.Run(name, func(t *testing.T) {
			tpl := loadReal(t, over)
			env := func(fn string) (func(string) (string, bool), func(string) string) {
				f, ok := tpl.Function(fn)
				if !ok {
					t.Fatalf("no function %s in template.yml", fn)
				}
				m := map[string]string{"FC_REGION": f.Region, "FC_FUNCTION_NAME": f.Name}
				for k, v := range f.Environment {
					m[k] = v
				}
				return func(k string) (string, bool) { v, ok := m[k]; return v, ok }, func(k string) string { return m[k] }
			}
			lookup, getenv := env("post-policy")
			_, err1 := postgrant.LoadConfig(lookup)
			_, err2 := callerauth.LoadConfig(getenv)
			_, err3 := callerauth.LoadCORSConfig(getenv)
			if err := errors.Join(err1, err2, err3); err != nil {
				t.Errorf("post-policy: %v", err)
			}
			lookup, getenv = env("sts-token")
			_, err1 = stsconfig.Load(lookup)
			_, err2 = callerauth.LoadConfig(getenv)
			if err := errors.Join(err1, err2); err != nil {
				t.Errorf("sts-token: %v", err)
			}
			lookup, _ = env("thumbnail")
			_, err1 = thumbconfig.Load(lookup)
			l := envconfig.New(lookup)
			ossclient.LoadConfig(l)
			if err := errors.Join(err1, l.Err()); err != nil {
				t.Errorf("thumbnail: %v", err)
			}
			lookup, _ = env("lifecycle-audit")
			l = envconfig.New(lookup)
			ossclient.LoadConfig(l)
			cfg := audit.LoadConfig(l)
			if err := errors.Join(l.Err(), cfg.Validate()); err != nil {
				t.Errorf("lifecycle-audit: %v", err)
			}
		})
	}
}

// TestDemoTokensPassTheFunctionsVerifier mints demo tokens and checks them
// with callerauth configured exactly as the functions are under Defaults.
func TestDemoTokensPassTheFunctionsVerifier(t *testing.T) {
	tpl := loadReal(t, template.LocalConfig{})
	f, _ := tpl.Function("post-policy")
	cfg, err := callerauth.LoadConfig(func(k string) string { return f.Environment[k] })
	if err != nil {
		t.Fatal(err)
	}
	auth, err := callerauth.New(cfg, callerauth.Deps{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	cases := []struct {
		name, secret, issuer string
		at                   time.Time
		wantPrefix           string
	}{
		{"valid", testSite.HS256Secret, testSite.Issuer, now, "alice"},
		{"other key", "another-secret-0123456789abcdef0123456", testSite.Issuer, now, ""},
		{"other issuer", testSite.HS256Secret, "http://127.0.0.1:1", now, ""},
		{"expired", testSite.HS256Secret, testSite.Issuer, now.Add(25 * time.Hour), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tok, err := MintToken(c.secret, c.issuer, "alice", now, 24*time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("Authorization", "Bearer "+tok)
			id, err := auth.AuthenticateAt(r, c.at)
			if c.wantPrefix == "" {
				if err == nil {
					t.Errorf("accepted as %q; want refused", id.Prefix)
				}
				return
			}
			if err != nil || id.Prefix != c.wantPrefix {
				t.Errorf("identity %q, %v; want %q", id.Prefix, err, c.wantPrefix)
			}
		})
	}
	if _, err := MintToken("", "iss", "alice", now, time.Hour); err == nil {
		t.Error("MintToken without a secret succeeded; want an error")
	}
}

// TestMergeLaysUserValuesOverDefaults checks that a user's value wins key
// by key and that what the user leaves out keeps its default.
func TestMergeLaysUserValuesOverDefaults(t *testing.T) {
	base := Defaults(testSite)
	over := template.LocalConfig{Vars: map[string]string{"bucket": "mine"},
		Functions: map[string]template.LocalFunction{"thumbnail": {Code: "./build/thumb", Environment: map[string]string{"THUMB_STYLES": "x=image/resize,w_10"}}}}
	got := Merge(base, over)
	checks := []struct{ what, got, want string }{
		{"vars.bucket", got.Vars["bucket"], "mine"},
		{"vars.region", got.Vars["region"], DefaultRegion},
		{"thumbnail code", got.Functions["thumbnail"].Code, "./build/thumb"},
		{"thumbnail THUMB_STYLES", got.Functions["thumbnail"].Environment["THUMB_STYLES"], "x=image/resize,w_10"},
		{"thumbnail OSS_PATH_STYLE", got.Functions["thumbnail"].Environment["OSS_PATH_STYLE"], "true"},
		{"credentials", got.Credentials.AccessKeyID, DefaultAccessKeyID},
		{"sts endpoint", got.Functions["sts-token"].Environment["OSSFLOW_STS_ENDPOINT"], "127.0.0.1:9200"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q; want %q", c.what, c.got, c.want)
		}
	}
	if base.Vars["bucket"] != DefaultBucket || base.Functions["thumbnail"].Environment["THUMB_STYLES"] != "" {
		t.Error("Merge modified its base")
	}
	if strings.Contains(got.Credentials.String(), DefaultAccessKeySecret) {
		t.Error("printing the credentials shows the secret")
	}
}
