package template

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/audit"
	postgrant "github.com/ossflow/ossflow/functions/post-policy/grant"
	stsconfig "github.com/ossflow/ossflow/functions/sts-token/config"
	thumbconfig "github.com/ossflow/ossflow/functions/thumbnail/config"
	"github.com/ossflow/ossflow/pkg/callerauth"
	"github.com/ossflow/ossflow/pkg/envconfig"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
)

// TestRealTemplateSatisfiesFunctionConfigs feeds each function's config
// loader exactly the environment template.yml gives it (plus what FC sets
// itself), so a variable a function requires cannot go missing from the
// template unnoticed.
func TestRealTemplateSatisfiesFunctionConfigs(t *testing.T) {
	tpl, _, err := Load("../../template.yml", Options{LookupEnv: func(k string) (string, bool) {
		v, ok := realEnv[k]
		return v, ok
	}})
	if err != nil {
		t.Fatal(err)
	}
	envOf := func(name string) (func(string) (string, bool), func(string) string) {
		f, ok := tpl.Function(name)
		if !ok {
			t.Fatalf("no function %s", name)
		}
		env := map[string]string{"FC_REGION": f.Region, "FC_FUNCTION_NAME": f.Name}
		for k, v := range f.Environment {
			env[k] = v
		}
		lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
		return lookup, func(k string) string { return env[k] }
	}
	auth := func(name string, getenv func(string) string) {
		if _, err := callerauth.LoadConfig(getenv); err != nil {
			t.Errorf("%s: caller auth config from template.yml: %v", name, err)
		}
		if _, err := callerauth.LoadCORSConfig(getenv); err != nil {
			t.Errorf("%s: CORS config from template.yml: %v", name, err)
		}
	}

	lookup, getenv := envOf("post-policy")
	if _, err := postgrant.LoadConfig(lookup); err != nil {
		t.Errorf("post-policy: grant config from template.yml: %v", err)
	}
	auth("post-policy", getenv)

	lookup, _ = envOf("thumbnail")
	if c, err := thumbconfig.Load(lookup); err != nil {
		t.Errorf("thumbnail: config from template.yml: %v", err)
	} else if th, _ := tpl.Function("thumbnail"); th.Triggers[0].OSS.Prefix != c.Layout.SourcePrefix ||
		strings.HasPrefix(c.Layout.OutputPrefix(), th.Triggers[0].OSS.Prefix) {
		t.Errorf("thumbnail: trigger prefix %q, source prefix %q, output prefix %q: the trigger must match the source and never the output",
			th.Triggers[0].OSS.Prefix, c.Layout.SourcePrefix, c.Layout.OutputPrefix())
	}

	lookup, _ = envOf("lifecycle-audit")
	l := envconfig.New(lookup)
	ossclient.LoadConfig(l)
	if c := audit.LoadConfig(l); l.Err() != nil {
		t.Errorf("lifecycle-audit: config from template.yml: %v", l.Err())
	} else if tl, _ := tpl.Function("lifecycle-audit"); c.MaxRunTime >= time.Duration(tl.TimeoutSec)*time.Second {
		t.Errorf("lifecycle-audit: AUDIT_MAX_RUN_TIME %s leaves no time to checkpoint within the %d s timeout", c.MaxRunTime, tl.TimeoutSec)
	} else {
		for _, tr := range tl.Triggers {
			if tr.Timer == nil {
				continue
			}
			if _, err := audit.ParseRequest(tr.Timer.Payload); err != nil {
				t.Errorf("lifecycle-audit: timer %s payload %q is refused by the function: %v", tr.Name, tr.Timer.Payload, err)
			}
		}
	}

	if _, err := os.Stat("../../functions/sts-token/config"); err == nil {
		lookup, getenv = envOf("sts-token")
		if _, err := stsconfig.Load(lookup); err != nil {
			t.Errorf("sts-token: config from template.yml: %v", err)
		}
		auth("sts-token", getenv)
	}
}
