package grant

import (
	"encoding/base64"
	"testing"

	"github.com/ossflow/ossflow/internal/nodetest"
	"github.com/ossflow/ossflow/pkg/osskit/callback"
)

// TestPostSignatureMatchesAliOSS gives the policies this function mints
// (with and without STS and callback) to ali-oss's signPostObjectPolicyV4
// (tools/node/ossv4.js) and requires the same policy bytes and signature.
// In CI a missing node or ali-oss fails rather than skips.
func TestPostSignatureMatchesAliOSS(t *testing.T) {
	nodetest.Require(t, "ali-oss")
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
	var out []struct{ Policy, Signature string }
	nodetest.Run(t, "ossv4.js", map[string]any{"cases": in}, &out)
	if len(out) != len(cases) {
		t.Fatalf("ossv4.js gave %d results for %d cases", len(out), len(cases))
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
