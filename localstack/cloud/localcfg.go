package cloud

import (
	"maps"
	"strings"

	"github.com/ossflow/ossflow/localstack/template"
)

// DefaultBucket is the bucket the local cloud creates when the local config
// names none.
const DefaultBucket = "ossflow-local"

// DefaultRegion is the region the emulators answer as unless the local
// config's vars say otherwise.
const DefaultRegion = "cn-hangzhou"

// Local root keys: well known on purpose. They only ever open loopback
// emulators, and a fixed pair lets scripts work across restarts.
const (
	DefaultAccessKeyID     = "LTAI5tLocalAdminKey"
	DefaultAccessKeySecret = "local-admin-secret-not-for-the-cloud"
)

// Site is what the built-in overrides need to know about the running
// local cloud.
type Site struct {
	OSS, STS    string   // http://host:port
	DemoOrigins []string // origins the demo page is served from
	Issuer      string   // iss of the demo tokens
	Audience    string   // aud of the demo tokens
	HS256Secret string   // verifies the demo tokens; never logged
	AccountID   string
	Bucket      string
}

// Defaults returns the overrides that make template.yml run locally with no
// environment and no file: every var the template reads from the
// environment, local endpoints, a role per function, and the variables
// each function needs under an emulator (path-style OSS addressing, plain
// HTTP to the STS emulator, the demo token key). Everything else comes
// from the template as it is deployed. The user's local config
// is laid over it with Merge.
func Defaults(s Site) template.LocalConfig {
	role := func(name string) string { return "acs:ram::" + s.AccountID + ":role/" + name }
	origins := strings.Join(s.DemoOrigins, ",")
	auth := map[string]string{
		"OSSFLOW_AUTH_HS256_SECRET": s.HS256Secret,
		"OSSFLOW_LOCAL":             "1",
	}
	stsHost := strings.TrimPrefix(s.STS, "http://")
	return template.LocalConfig{
		AccountID: s.AccountID,
		Vars: map[string]string{
			"region": DefaultRegion, "bucket": s.Bucket, "ossEndpoint": s.OSS,
			"stsRoleArn":        role("ossflow-upload"),
			"stsTokenRoleArn":   role("ossflow-sts-token-fn"),
			"postPolicyRoleArn": role("ossflow-post-policy-fn"),
			"thumbnailRoleArn":  role("ossflow-thumbnail-fn"),
			"auditRoleArn":      role("ossflow-audit-fn"),
			"ossEventRoleArn":   role("ossflow-oss-event"),
			"vipsLayerArn":      "acs:fc:" + DefaultRegion + ":" + s.AccountID + ":layers/vips/versions/1",
			"authIssuer":        s.Issuer, "authAudiences": s.Audience, "authJwksUrl": "",
			"corsOrigins": origins, "logProject": "ossflow-local",
		},
		Endpoints:   map[string]string{"oss": s.OSS, "sts": s.STS},
		Credentials: template.LocalCredentials{AccessKeyID: DefaultAccessKeyID, AccessKeySecret: DefaultAccessKeySecret},
		Functions: map[string]template.LocalFunction{
			"sts-token": {Environment: withAll(auth, map[string]string{
				"OSSFLOW_STS_ENDPOINT": stsHost, "OSSFLOW_STS_PROTOCOL": "http"})},
			"post-policy":     {Environment: withAll(auth, map[string]string{"OSSFLOW_UPLOAD_PATH_STYLE": "true"})},
			"thumbnail":       {Environment: map[string]string{"OSS_PATH_STYLE": "true"}},
			"lifecycle-audit": {Environment: map[string]string{"OSS_PATH_STYLE": "true"}},
		},
	}
}

func withAll(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

// Merge lays over on top of base: vars, env, endpoints and each function's
// environment key by key; account, credentials and code paths when set.
func Merge(base, over template.LocalConfig) template.LocalConfig {
	out := base
	if over.AccountID != "" {
		out.AccountID = over.AccountID
	}
	out.Vars = withAll(base.Vars, over.Vars)
	out.Env = withAll(base.Env, over.Env)
	out.Endpoints = withAll(base.Endpoints, over.Endpoints)
	if over.Credentials.AccessKeyID != "" {
		out.Credentials = over.Credentials
	}
	out.Functions = map[string]template.LocalFunction{}
	for name, f := range base.Functions {
		out.Functions[name] = f
	}
	for name, f := range over.Functions {
		b := out.Functions[name]
		if f.Code != "" {
			b.Code = f.Code
		}
		b.Environment = withAll(b.Environment, f.Environment)
		out.Functions[name] = b
	}
	return out
}
