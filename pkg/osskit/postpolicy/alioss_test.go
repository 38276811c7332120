package postpolicy

import (
	"encoding/base64"
	"testing"
	"time"

	"github.com/ossflow/ossflow/internal/nodetest"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// TestSignMatchesAliOSS signs forms with our Builder and with ali-oss's
// signPostObjectPolicyV4 (tools/node/ossv4.js, ali-oss pinned in
// tools/node/package.json) and requires the same policy bytes and
// signature. In CI a missing node_modules fails rather than skips.
func TestSignMatchesAliOSS(t *testing.T) {
	nodetest.Require(t, "ali-oss")
	now := time.Date(2026, 11, 21, 23, 59, 59, 0, time.UTC)
	sts := signer.Credentials{AccessKeyID: "STS.NUxyz", AccessKeySecret: "sts/Secret+=", SecurityToken: "CAIS+tok/en=="}
	plain := signer.Credentials{AccessKeyID: "LTAI5tPlain", AccessKeySecret: "plain-secret"}
	forms := []struct {
		name  string
		b     *Builder
		creds signer.Credentials
	}{
		{"typical with STS", New().Bucket("uploads").KeyPrefix("users/42/").ContentLengthRange(1, 10<<20).
			ContentTypeIn("image/jpeg", "image/png").SuccessActionStatus(201).ForbidOverwrite(true), sts},
		{"exact key, meta, unicode", New().Bucket("b-1").Key("文件/ü & <x>.txt").ContentLengthRange(0, 5).
			ContentType("text/plain; charset=utf-8").Meta("x-oss-meta-owner", `Zoë "quoted"`).
			ContentTypeNotIn("text/html"), plain},
	}
	var cases []map[string]any
	var signed []Form
	for _, f := range forms {
		form, err := f.b.Expires(now.Add(30*time.Minute)).Sign(f.creds, "cn-hangzhou", now)
		if err != nil {
			t.Fatalf("%s: Sign: %v", f.name, err)
		}
		doc, _ := base64.StdEncoding.DecodeString(form.Fields["policy"])
		cases = append(cases, map[string]any{"kind": "post", "region": "oss-cn-hangzhou", "bucket": "bkt",
			"accessKeyId": f.creds.AccessKeyID, "accessKeySecret": f.creds.AccessKeySecret, "stsToken": f.creds.SecurityToken,
			"policy": string(doc), "nowMs": now.UnixMilli()})
		signed = append(signed, form)
	}
	var out []struct{ Policy, Signature string }
	nodetest.Run(t, "ossv4.js", map[string]any{"cases": cases}, &out)
	if len(out) != len(forms) {
		t.Fatalf("ossv4.js gave %d results for %d forms", len(out), len(forms))
	}
	for i, f := range forms {
		if got, want := signed[i].Fields["policy"], out[i].Policy; got != want {
			t.Errorf("%s: policy = %s; ali-oss (JSON.stringify) gives %s", f.name, got, want)
		}
		if got, want := signed[i].Fields["x-oss-signature"], out[i].Signature; got != want {
			t.Errorf("%s: x-oss-signature = %s; ali-oss says %s", f.name, got, want)
		}
	}
}
