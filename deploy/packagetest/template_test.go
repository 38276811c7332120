package packagetest

import (
	"path/filepath"
	"testing"

	"github.com/ossflow/ossflow/localstack/template"
)

// deployEnv is what a deployer exports (see the workflow's env); the
// template must resolve with it. Values are illustrative, not an account.
var deployEnv = map[string]string{
	"OSSFLOW_BUCKET":                  "photos",
	"OSSFLOW_STS_UPLOAD_ROLE_ARN":     "acs:ram::" + accountID + ":role/ossflow-upload",
	"OSSFLOW_STS_TOKEN_FN_ROLE_ARN":   "acs:ram::" + accountID + ":role/ossflow-sts-token",
	"OSSFLOW_POST_POLICY_FN_ROLE_ARN": "acs:ram::" + accountID + ":role/ossflow-post-policy",
	"OSSFLOW_THUMBNAIL_FN_ROLE_ARN":   "acs:ram::" + accountID + ":role/ossflow-thumbnail",
	"OSSFLOW_AUDIT_FN_ROLE_ARN":       "acs:ram::" + accountID + ":role/ossflow-lifecycle-audit",
	"OSSFLOW_OSS_EVENT_ROLE_ARN":      "acs:ram::" + accountID + ":role/ossflow-oss-trigger",
	"OSSFLOW_VIPS_LAYER_ARN":          "acs:fc:cn-hangzhou:" + accountID + ":layers/ossflow-vips/versions/1",
	"OSSFLOW_AUTH_ISSUER":             "https://issuer.example",
	"OSSFLOW_AUTH_AUDIENCES":          "ossflow",
	"OSSFLOW_AUTH_JWKS_URL":           "https://issuer.example/jwks.json",
	"OSSFLOW_CORS_ORIGINS":            "https://app.example",
	"OSSFLOW_LOG_PROJECT":             "ossflow-logs",
}

// accountID is the OSS emulator's default account, so ARNs built from the
// template name the emulator's resources.
const accountID = "1234567890123456"

// loadTemplate resolves template.yml with deployEnv.
func loadTemplate(t *testing.T) *template.Template {
	t.Helper()
	tpl, _, err := template.Load(filepath.Join(root, "template.yml"), template.Options{
		LookupEnv: func(k string) (string, bool) { v, ok := deployEnv[k]; return v, ok },
	})
	if err != nil {
		t.Fatalf("template.yml: %v", err)
	}
	return tpl
}

// templateFunction returns the template's function with resource key name.
func templateFunction(t *testing.T, name string) *template.Function {
	t.Helper()
	f, ok := loadTemplate(t).Function(name)
	if !ok {
		t.Fatalf("template.yml has no resource %q", name)
	}
	return f
}
