package httpapi_test

import (
	"path/filepath"
	"testing"

	"github.com/ossflow/ossflow/internal/nodetest"
)

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
	nodetest.Require(t, "ali-oss")
	script, err := filepath.Abs(filepath.Join("..", "testdata", "alioss-sts.js"))
	if err != nil {
		t.Fatal(err)
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
		in := map[string]any{"function": st.fnURL + "/", "token": token(t, "ali-user", st.clock.Now()), "v4": v4, "pathStyle": true, "cases": cases}
		var results []aliResult
		nodetest.Run(t, script, in, &results)
		if len(results) != len(cases) {
			t.Fatalf("v4=%v: %d results for %d cases", v4, len(results), len(cases))
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
