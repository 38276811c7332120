package grant

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ossflow/ossflow/pkg/osskit/callback"
)

// TestPostSignatureMatchesAliOSS gives the policies this function mints
// (with and without STS and callback) to ali-oss's signPostObjectPolicyV4
// (tools/node/ossv4.js) and requires the same policy bytes and signature.
// In CI a missing node or ali-oss fails rather than skips.
func TestPostSignatureMatchesAliOSS(t *testing.T) {
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
	withCallback := testConfig()
	withCallback.Callback = &callback.Callback{URL: "https://api.example.com/cb?t=1&u=2", Body: `{"o":${object},"u":${x:user}}`, BodyType: callback.BodyTypeJSON}
	cases := []struct {
		name string
		cfg  Config
		mode string
	}{{"STS", testConfig(), "sts"}, {"long-term key", testConfig(), "plain"}, {"STS and callback", withCallback, "sts"}}
	var in []map[string]any
	var forms []map[string]string
	for _, c := range cases {
		creds := stsCreds
		if c.mode == "plain" {
			creds = plainCreds
		}
		g, err := newTestMinter(t, c.cfg).Post("auth0_7C42", Request{Filename: `Zoë "<b>" & co.jpg`, ContentType: "image/jpeg"}, creds, testNow)
		if err != nil {
			t.Fatalf("%s: Post: %v", c.name, err)
		}
		doc, _ := base64.StdEncoding.DecodeString(g.Fields["policy"])
		in = append(in, map[string]any{"kind": "post", "region": "oss-cn-hangzhou", "bucket": "photos",
			"accessKeyId": creds.AccessKeyID, "accessKeySecret": creds.AccessKeySecret, "stsToken": creds.SecurityToken,
			"policy": string(doc), "nowMs": testNow.UnixMilli()})
		forms = append(forms, g.Fields)
	}
	payload, _ := json.Marshal(map[string]any{"cases": in})
	cmd := exec.Command("node", filepath.Join(dir, "ossv4.js"))
	cmd.Stdin = bytes.NewReader(payload)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("ossv4.js: %v\n%s", err, stderr.String())
	}
	var out []struct{ Policy, Signature string }
	if err := json.Unmarshal(stdout, &out); err != nil || len(out) != len(cases) {
		t.Fatalf("ossv4.js output %q: %v", stdout, err)
	}
	for i, c := range cases {
		if got, want := forms[i]["policy"], out[i].Policy; got != want {
			t.Errorf("%s: policy = %s; ali-oss (JSON.stringify) gives %s", c.name, got, want)
		}
		if got, want := forms[i]["x-oss-signature"], out[i].Signature; got != want {
			t.Errorf("%s: x-oss-signature = %s; ali-oss says %s", c.name, got, want)
		}
	}
}
