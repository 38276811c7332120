package postpolicy

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// TestSignMatchesAliOSS signs forms with our Builder and with ali-oss's
// signPostObjectPolicyV4 (tools/node/ossv4.js, ali-oss pinned in
// tools/node/package.json) and requires the same policy bytes and
// signature. In CI a missing node_modules fails rather than skips.
func TestSignMatchesAliOSS(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "tools", "node")
	missing := ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join(dir, "node_modules", "ali-oss")); err != nil {
		missing = "tools/node/node_modules/ali-oss is missing; run ./scripts/bootstrap"
	}
	if missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("ali-oss cross-check cannot run in CI: %s", missing)
		}
		t.Skipf("ali-oss cross-check skipped locally: %s", missing)
	}

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
	in, _ := json.Marshal(map[string]any{"cases": cases})
	cmd := exec.Command("node", filepath.Join(dir, "ossv4.js"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("ossv4.js: %v\n%s", err, stderr.String())
	}
	var out []struct{ Policy, Signature string }
	if err := json.Unmarshal(stdout, &out); err != nil || len(out) != len(forms) {
		t.Fatalf("ossv4.js output %q: %v", stdout, err)
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
