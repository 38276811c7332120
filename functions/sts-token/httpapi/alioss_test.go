package httpapi_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// nodeTools is tools/node, where scripts/bootstrap installs ali-oss.
var nodeTools = filepath.Join("..", "..", "..", "tools", "node")

type aliCase struct {
	Name   string `json:"name"`
	Op     string `json:"op"`
	Key    string `json:"key"`
	Bucket string `json:"bucket,omitempty"`
	Size   int    `json:"size,omitempty"`
}

type aliResult struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Code   string `json:"code"`
	Status int    `json:"status"`
}

// TestAliOSSUploadsWithMintedCredentials runs ali-oss (Node) as a browser
// app would: it fetches credentials from the function and uploads with
// them, V1 (ali-oss's default) and V4 signatures; ${prefix} stands for
// the Prefix the function returned.
func TestAliOSSUploadsWithMintedCredentials(t *testing.T) {
	missing := ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join(nodeTools, "node_modules", "ali-oss")); err != nil {
		missing = "tools/node/node_modules/ali-oss is missing; run ./scripts/bootstrap"
	}
	if missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("ali-oss test cannot run in CI: %s", missing)
		}
		t.Skipf("ali-oss test skipped locally: %s", missing)
	}
	st := newStack(t)
	cases := []aliCase{
		{Name: "put own prefix", Op: "put", Key: "${prefix}ali.jpg"},
		{Name: "multipart own prefix", Op: "multipart", Key: "${prefix}ali-big.bin", Size: 250 * 1024},
		{Name: "put other user", Op: "put", Key: "uploads/u2/ali.jpg"},
		{Name: "put other bucket", Op: "put", Key: "${prefix}ali.jpg", Bucket: "other-bucket"},
		{Name: "delete own", Op: "delete", Key: "${prefix}ali.jpg"},
	}
	want := map[string]string{"put own prefix": "", "multipart own prefix": "", "put other user": "AccessDenied", "put other bucket": "AccessDenied", "delete own": "AccessDenied"}
	for _, v4 := range []bool{false, true} {
		in, _ := json.Marshal(map[string]any{"function": st.fnURL + "/", "token": token(t, "ali-user", st.clock.Now()), "v4": v4, "pathStyle": true, "cases": cases})
		abs, _ := filepath.Abs(nodeTools)
		cmd := exec.Command("node", filepath.Join("..", "testdata", "alioss-sts.js"))
		cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(abs, "node_modules"))
		cmd.Stdin = bytes.NewReader(in)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("alioss-sts.js (v4=%v): %v\n%s", v4, err, stderr.String())
		}
		var results []aliResult
		if err := json.Unmarshal(out, &results); err != nil {
			t.Fatalf("alioss-sts.js output %q: %v", out, err)
		}
		if len(results) != len(cases) {
			t.Fatalf("%d results for %d cases", len(results), len(cases))
		}
		for _, r := range results {
			if w := want[r.Name]; r.Code != w || r.OK != (w == "") {
				t.Errorf("v4=%v %s: ok=%v code=%q status=%d; want code %q", v4, r.Name, r.OK, r.Code, r.Status, w)
			}
			if want[r.Name] != "" && r.Status != 403 {
				t.Errorf("v4=%v %s: status %d; want 403", v4, r.Name, r.Status)
			}
		}
	}
}
