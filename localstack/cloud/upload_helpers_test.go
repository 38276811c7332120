package cloud

import (
	"bytes"
	"encoding/json"
	"github.com/ossflow/ossflow/internal/testimage"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// testJPEG is a test photograph big enough for every default style.
func testJPEG(t testing.TB) []byte { return testimage.JPEG(t, 1600, 1200) }

// ossDo sends a request signed with the local admin key to the OSS emulator.
func ossDo(t testing.TB, e Endpoints, method, bucket, key, query string) (*http.Response, []byte) {
	t.Helper()
	u := e.OSS + "/" + bucket + "/" + key
	if query != "" {
		u += "?" + query
	}
	req, _ := http.NewRequest(method, u, nil)
	creds := signer.Credentials{AccessKeyID: e.AdminKey.AccessKeyID, AccessKeySecret: e.AdminKey.AccessKeySecret}
	if err := signer.SignRequest(req, bucket, key, creds, e.Region, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

// grantUpload asks post-policy for a PostObject form as user and posts
// data with it, returning the object key, the upload's status and the
// form's fields.
func grantUpload(t testing.TB, e Endpoints, user DemoUser, data []byte) (string, int, map[string]string) {
	t.Helper()
	body := `{"filename":"cat.jpg","contentType":"image/jpeg","size":` + strconv.Itoa(len(data)) + `}`
	req, _ := http.NewRequest(http.MethodPost, e.Functions["post-policy"], strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+user.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var g struct {
		URL    string
		Key    string
		Fields map[string]string
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("post-policy status = %d; want 200 (%s)", resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(&g); err != nil {
		t.Fatal(err)
	}
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	for k, v := range g.Fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", "cat.jpg")
	fw.Write(data)
	mw.Close()
	up, err := http.Post(g.URL, mw.FormDataContentType(), &form)
	if err != nil {
		t.Fatal(err)
	}
	up.Body.Close()
	return g.Key, up.StatusCode, g.Fields
}

// checkLogs checks the -json output: every function line is a JSON object
// naming its function, each invocation has a summary, and no secret is in
// any line.
func checkLogs(t *testing.T, logs string, secrets ...string) {
	t.Helper()
	summaries := map[string]bool{}
	for _, line := range strings.Split(logs, "\n") {
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("log line %q is not JSON: %v", line, err)
			continue
		}
		fn, _ := m["function"].(string)
		if fn == "" {
			t.Errorf("log line %q names no function", line)
		}
		if m["type"] == "report" {
			summaries[fn] = true
		}
	}
	for _, fn := range []string{"post-policy", "thumbnail"} {
		if !summaries[fn] {
			t.Errorf("no per-invocation summary line for %s", fn)
		}
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(logs, s) {
			t.Errorf("the logs contain a secret (%d characters) from a grant", len(s))
		}
	}
}
