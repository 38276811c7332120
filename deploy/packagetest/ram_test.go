package packagetest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/sts-token/sessionpolicy"
	"github.com/ossflow/ossflow/localstack/rampolicy"
)

// The policy documents in deploy/ram. ${bucket} and ${accountId} are
// replaced at setup (deploy/ram/README.md); everything else is literal.
var policyFiles = []string{
	"sts-token", "post-policy", "thumbnail", "lifecycle-audit",
	"upload-role", "upload-role-trust", "function-trust", "oss-trigger", "oss-trigger-trust",
}

// testBucket is the bucket name the policies are rendered with in tests.
const testBucket = "photos"

// policy reads deploy/ram/<name>.json, fills its placeholders and parses
// it with RAM's grammar.
func policy(t *testing.T, name string) rampolicy.Policy {
	t.Helper()
	doc := string(readFile(t, filepath.Join("deploy", "ram", name+".json")))
	doc = strings.NewReplacer("${bucket}", testBucket, "${accountId}", accountID).Replace(doc)
	if strings.Contains(doc, "${") {
		t.Fatalf("deploy/ram/%s.json: a placeholder other than ${bucket} and ${accountId} is left", name)
	}
	p, err := rampolicy.Parse([]byte(doc))
	if err != nil {
		t.Fatalf("deploy/ram/%s.json: %v", name, err)
	}
	return p
}

func TestPoliciesFollowRAMGrammar(t *testing.T) {
	for _, name := range policyFiles {
		t.Run(name, func(t *testing.T) {
			p := policy(t, name)
			for i, st := range p.Statements {
				if st.Effect != rampolicy.Allow || st.NotActions != nil || st.NotResources != nil {
					t.Errorf("Statement[%d]: want a plain Allow with Action and Resource or Principal (no Not*)", i)
				}
				for _, a := range st.Actions {
					if strings.HasSuffix(a, "*") {
						t.Errorf("Statement[%d]: wildcard action %q; least privilege names each action", i, a)
					}
				}
				if trust := strings.HasSuffix(name, "-trust"); trust != (st.Principals != nil) {
					t.Errorf("Statement[%d]: Principal present = %v; want %v for a %s policy", i, st.Principals != nil, trust, name)
				}
			}
		})
	}
}

// Concrete requests each function makes (resources built from the
// template's prefixes) and ones it must never be able to make.
func TestPoliciesScopeResources(t *testing.T) {
	v := loadTemplate(t).Vars
	obj := func(prefix, rest string) string {
		return "acs:oss:cn-hangzhou:" + accountID + ":" + testBucket + "/" + v[prefix] + "/" + rest
	}
	bucket := "acs:oss:cn-hangzhou:" + accountID + ":" + testBucket
	other := "acs:oss:cn-hangzhou:" + accountID + ":another-bucket/" + v["uploadPrefix"] + "/u1/a.jpg"
	uploadRole := "acs:ram::" + accountID + ":role/ossflow-upload"
	tests := []struct {
		policy, action, resource string
		want                     bool
	}{
		{"thumbnail", "oss:GetObject", obj("uploadPrefix", "u1/a.jpg"), true},
		{"thumbnail", "oss:GetObject", obj("thumbPrefix", "u1/a/sm.jpg"), true},
		{"thumbnail", "oss:PutObject", obj("thumbPrefix", "u1/a/sm.jpg"), true},
		{"thumbnail", "oss:PutObject", obj("uploadPrefix", "u1/a.jpg"), false},
		{"thumbnail", "oss:DeleteObject", obj("thumbPrefix", "u1/a/sm.png"), true},
		{"thumbnail", "oss:DeleteObject", obj("uploadPrefix", "u1/a.jpg"), false},
		{"thumbnail", "oss:GetObject", other, false},
		{"thumbnail", "oss:ListObjects", bucket, false},
		{"post-policy", "oss:PutObject", obj("uploadPrefix", "u1/a.jpg"), true},
		{"post-policy", "oss:GetObject", obj("thumbPrefix", "u1/a/sm.jpg"), true},
		{"post-policy", "oss:PutObject", obj("thumbPrefix", "u1/a/sm.jpg"), false},
		{"post-policy", "oss:PutObject", other, false},
		{"sts-token", "sts:AssumeRole", uploadRole, true},
		{"sts-token", "sts:AssumeRole", "acs:ram::" + accountID + ":role/admin", false},
		{"sts-token", "oss:GetObject", obj("uploadPrefix", "u1/a.jpg"), false},
		{"lifecycle-audit", "oss:ListObjects", bucket, true},
		{"lifecycle-audit", "oss:GetBucketLifecycle", bucket, true},
		{"lifecycle-audit", "oss:PutObject", obj("reportPrefix", testBucket+"/2026-11-22.json"), true},
		{"lifecycle-audit", "oss:GetObject", obj("reportPrefix", testBucket+"/2026-11-21.json"), true},
		{"lifecycle-audit", "oss:DeleteObject", obj("reportPrefix", testBucket+"/checkpoint.json"), true},
		{"lifecycle-audit", "oss:PutObject", obj("uploadPrefix", "u1/a.jpg"), false},
		{"lifecycle-audit", "oss:DeleteObject", obj("uploadPrefix", "u1/a.jpg"), false},
		{"lifecycle-audit", "oss:GetObject", obj("uploadPrefix", "u1/a.jpg"), false},
		{"lifecycle-audit", "oss:PutBucketLifecycle", bucket, false},
		{"upload-role", "oss:PutObject", obj("uploadPrefix", "u1/a.jpg"), true},
		{"upload-role", "oss:UploadPart", obj("uploadPrefix", "u1/big.jpg"), true},
		{"upload-role", "oss:PutObject", obj("thumbPrefix", "u1/a/sm.jpg"), false},
		{"upload-role", "oss:DeleteObject", obj("uploadPrefix", "u1/a.jpg"), false},
		{"oss-trigger", "fc:InvokeFunction", "acs:fc:cn-hangzhou:" + accountID + ":functions/ossflow-thumbnail", true},
		{"oss-trigger", "fc:InvokeFunction", "acs:fc:cn-hangzhou:" + accountID + ":functions/ossflow-sts-token", false},
	}
	for _, tt := range tests {
		got := rampolicy.Evaluate([]rampolicy.Policy{policy(t, tt.policy)}, tt.action, tt.resource).Allowed()
		if got != tt.want {
			t.Errorf("%s: %s on %s allowed = %v; want %v", tt.policy, tt.action, tt.resource, got, tt.want)
		}
	}
}

// Whatever sts-token's session policies grant, the upload role must allow
// too: a session gets the intersection, so a gap silently breaks uploads.
func TestUploadRoleCoversEverySessionPolicy(t *testing.T) {
	v := loadTemplate(t).Vars
	role := policy(t, "upload-role")
	layout := sessionpolicy.Layout{Bucket: testBucket, UploadPrefix: v["uploadPrefix"], ThumbPrefix: v["thumbPrefix"]}
	for _, prof := range sessionpolicy.Profiles {
		doc, err := sessionpolicy.Build(layout, prof, "u1")
		if err != nil {
			t.Fatalf("session policy %s: %v", prof, err)
		}
		sess, err := rampolicy.Parse([]byte(doc))
		if err != nil {
			t.Fatalf("session policy %s: %v", prof, err)
		}
		for _, st := range sess.Statements {
			for _, a := range st.Actions {
				for _, r := range st.Resources {
					res := strings.Replace(strings.TrimSuffix(r, "*"), "acs:oss:*:*:", "acs:oss:cn-hangzhou:"+accountID+":", 1) + "2026/a.jpg"
					if !rampolicy.Evaluate([]rampolicy.Policy{role}, a, res).Allowed() {
						t.Errorf("profile %s grants %s on %s, which the upload role does not allow", prof, a, res)
					}
				}
			}
		}
	}
}

func TestTrustPolicies(t *testing.T) {
	tests := []struct {
		policy, principal string
		want              bool
	}{
		{"upload-role-trust", "acs:ram::" + accountID + ":role/ossflow-sts-token", true},
		{"upload-role-trust", "acs:ram::" + accountID + ":role/ossflow-thumbnail", false},
		{"upload-role-trust", "fc.aliyuncs.com", false},
		{"function-trust", "fc.aliyuncs.com", true},
		{"function-trust", "oss.aliyuncs.com", false},
		{"oss-trigger-trust", "oss.aliyuncs.com", true},
		{"oss-trigger-trust", "fc.aliyuncs.com", false},
	}
	for _, tt := range tests {
		if got := rampolicy.Trusts(policy(t, tt.policy), tt.principal, "sts:AssumeRole"); got != tt.want {
			t.Errorf("%s trusts %s = %v; want %v", tt.policy, tt.principal, got, tt.want)
		}
	}
}
