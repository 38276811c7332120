package template

import (
	"strings"
	"testing"
)

// realEnv is what a deployer exports; the template must resolve with it.
var realEnv = map[string]string{
	"OSSFLOW_BUCKET":                  "ossflow-demo",
	"OSSFLOW_STS_UPLOAD_ROLE_ARN":     "acs:ram::1:role/ossflow-upload",
	"OSSFLOW_STS_TOKEN_FN_ROLE_ARN":   "acs:ram::1:role/ossflow-sts-token",
	"OSSFLOW_POST_POLICY_FN_ROLE_ARN": "acs:ram::1:role/ossflow-post-policy",
	"OSSFLOW_THUMBNAIL_FN_ROLE_ARN":   "acs:ram::1:role/ossflow-thumbnail",
	"OSSFLOW_AUDIT_FN_ROLE_ARN":       "acs:ram::1:role/ossflow-audit",
	"OSSFLOW_OSS_EVENT_ROLE_ARN":      "acs:ram::1:role/aliyunosseventnotificationrole",
	"OSSFLOW_VIPS_LAYER_ARN":          "acs:fc:cn-hangzhou:1:layers/vips/versions/1",
	"OSSFLOW_AUTH_ISSUER":             "https://issuer.example",
	"OSSFLOW_AUTH_AUDIENCES":          "ossflow",
	"OSSFLOW_AUTH_JWKS_URL":           "https://issuer.example/jwks.json",
	"OSSFLOW_CORS_ORIGINS":            "https://app.example",
	"OSSFLOW_LOG_PROJECT":             "ossflow-logs",
}

func TestRealTemplate(t *testing.T) {
	tpl, ws, err := Load("../../template.yml", Options{LookupEnv: func(k string) (string, bool) {
		v, ok := realEnv[k]
		return v, ok
	}})
	if err != nil {
		t.Fatalf("template.yml: %v", err)
	}
	for _, w := range ws {
		if strings.Contains(w.Message, "unknown") {
			t.Errorf("template.yml uses a key fc3 does not know: %s", w)
		}
	}
	want := map[string]string{"sts-token": "go1", "post-policy": "go1", "lifecycle-audit": "go1", "thumbnail": "custom.debian12"}
	if len(tpl.Functions) != len(want) {
		t.Fatalf("%d functions; want %d", len(tpl.Functions), len(want))
	}
	for _, f := range tpl.Functions {
		// make build writes dist/<fn>/main; the template must deploy exactly that.
		if f.Code != "./dist/"+f.Resource || f.Handler != "main" {
			t.Errorf("%s code %q handler %q; want ./dist/%s and main (the make build output)", f.Resource, f.Code, f.Handler, f.Resource)
		}
		if f.IsCustom() && f.CustomRuntime.Command[0] != "/code/main" {
			t.Errorf("%s command %v; want /code/main, the binary in the code package", f.Resource, f.CustomRuntime.Command)
		}
		if want[f.Resource] != f.Runtime {
			t.Errorf("%s runtime = %q; want %q", f.Resource, f.Runtime, want[f.Resource])
		}
		if f.LogBeginRule != "None" {
			t.Errorf("%s logBeginRule = %q; want None (one JSON line per entry)", f.Resource, f.LogBeginRule)
		}
		for k, v := range f.Environment {
			if strings.Contains(strings.ToUpper(k), "SECRET") || strings.Contains(v, "LTAI") {
				t.Errorf("%s env %s looks like a secret", f.Resource, k)
			}
		}
	}
	th, _ := tpl.Function("thumbnail")
	if !strings.HasPrefix(th.Environment["LD_LIBRARY_PATH"], "/opt/lib") || len(th.Layers) != 1 {
		t.Errorf("thumbnail LD_LIBRARY_PATH %q, layers %v; want /opt/lib first and one layer", th.Environment["LD_LIBRARY_PATH"], th.Layers)
	}
	if len(th.Triggers) != 1 || th.Triggers[0].OSS == nil {
		t.Fatalf("thumbnail triggers = %+v; want one oss trigger", th.Triggers)
	}
	oss := th.Triggers[0].OSS
	thumbs := tpl.Vars["thumbPrefix"] + "/"
	if oss.Prefix != "uploads/" || strings.HasPrefix(thumbs, oss.Prefix) || strings.HasPrefix(oss.Prefix, thumbs) {
		t.Errorf("oss trigger prefix %q vs output prefix %q: a thumbnail could trigger the function again", oss.Prefix, thumbs)
	}
	if oss.Bucket != "ossflow-demo" || !strings.Contains(oss.SourceARN, ":"+DefaultAccountID+":") {
		t.Errorf("oss trigger bucket %q arn %q; want ossflow-demo in account %s", oss.Bucket, oss.SourceARN, DefaultAccountID)
	}
	for _, name := range []string{"sts-token", "post-policy"} {
		f, _ := tpl.Function(name)
		if len(f.Triggers) != 1 || f.Triggers[0].HTTP == nil || f.Triggers[0].HTTP.AuthType != "anonymous" {
			t.Fatalf("%s triggers = %+v; want one anonymous http trigger", name, f.Triggers)
		}
		if !strings.Contains(strings.Join(f.Triggers[0].HTTP.Methods, ","), "OPTIONS") {
			t.Errorf("%s methods %v; want OPTIONS for CORS preflight", name, f.Triggers[0].HTTP.Methods)
		}
	}
	au, _ := tpl.Function("lifecycle-audit")
	if len(au.Triggers) != 1 || au.Triggers[0].Timer == nil || !au.Triggers[0].Timer.Enable {
		t.Fatalf("lifecycle-audit triggers = %+v; want one enabled timer", au.Triggers)
	}
}

func TestRealTemplateNamesMissingEnv(t *testing.T) {
	_, _, err := Load("../../template.yml", Options{LookupEnv: noEnv})
	if err == nil || !strings.Contains(err.Error(), "OSSFLOW_BUCKET is not set") {
		t.Errorf("error = %v; want it to name OSSFLOW_BUCKET", err)
	}
}
