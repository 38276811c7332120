package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
)

// browserTools finds node, Chromium and playwright-core. It returns why
// they cannot be used, or "".
func browserTools(nodeDir string) (chromium, missing string) {
	chromium = os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath("node"); err != nil {
		return chromium, "node is not installed"
	}
	if _, err := os.Stat(chromium); err != nil {
		return chromium, chromium + " is missing (apt-get install -y chromium)"
	}
	check := exec.Command("node", "-e", "require.resolve('playwright-core')")
	check.Dir = nodeDir
	if err := check.Run(); err != nil {
		return chromium, "playwright-core is not installed in tools/node (add it to tools/node/package.json, or point NODE_PATH at one)"
	}
	return chromium, ""
}

// TestBrowserUpload drives headless Chromium through a page that asks the
// function for grants with fetch (CORS preflight included) and posts the
// returned fields as FormData to the emulator, then checks what the
// browser saw: 201 for a good upload, OSS's refusals for the rest. Under
// CI=true missing tools fail the test; locally they skip it.
func TestBrowserUpload(t *testing.T) {
	nodeDir, _ := filepath.Abs(filepath.Join("..", "..", "..", "tools", "node"))
	chromium, missing := browserTools(nodeDir)
	if missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser test cannot run in CI: %s", missing)
		}
		t.Skipf("browser test skipped locally: %s", missing)
	}

	page, err := os.ReadFile(filepath.Join("..", "testdata", "upload.html"))
	if err != nil {
		t.Fatal(err)
	}
	pageSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer pageSrv.Close()
	e := newEnvFront(t, grant.Config{}, bucketCORS(pageSrv.URL), pageSrv.URL)

	frag := url.Values{"fn": {e.fn.URL}, "token": {token(t, "alice")}, "max": {strconv.Itoa(testMaxSize)}}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join(nodeDir, "browser-upload.js"), pageSrv.URL+"/upload.html#"+frag.Encode())
	cmd.Dir = nodeDir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("browser-upload.js: %v\n%s", err, stderr.String())
	}
	var res struct {
		Error                                                                                      string
		Key                                                                                        string
		OK, Replay, TooLarge, ExactMax, WrongType, OtherKey, Tampered, Put, PutAgain, PutWrongType struct {
			Status int
			Code   string
		}
	}
	if err := json.Unmarshal(out, &res); err != nil || res.Error != "" {
		t.Fatalf("page result %s (%v)\n%s", out, err, stderr.String())
	}
	t.Logf("browser saw: %s", bytes.TrimSpace(out))
	for _, c := range []struct {
		name   string
		status int
		code   string
		want   int
		wcode  string
	}{
		{"form upload", res.OK.Status, res.OK.Code, 201, ""},
		{"second upload to the same key", res.Replay.Status, res.Replay.Code, 409, "FileAlreadyExists"},
		{"one byte over the limit", res.TooLarge.Status, res.TooLarge.Code, 400, "EntityTooLarge"},
		{"exactly the limit", res.ExactMax.Status, res.ExactMax.Code, 201, ""},
		{"different content type", res.WrongType.Status, res.WrongType.Code, 403, "AccessDenied"},
		{"different key", res.OtherKey.Status, res.OtherKey.Code, 403, "AccessDenied"},
		{"tampered signature", res.Tampered.Status, res.Tampered.Code, 403, "SignatureDoesNotMatch"},
		{"presigned PUT", res.Put.Status, res.Put.Code, 200, ""},
		{"presigned PUT again", res.PutAgain.Status, res.PutAgain.Code, 409, "FileAlreadyExists"},
		{"presigned PUT, other type", res.PutWrongType.Status, res.PutWrongType.Code, 403, "SignatureDoesNotMatch"},
	} {
		if c.status != c.want || c.code != c.wcode {
			t.Errorf("%s: browser saw %d %s; want %d %s", c.name, c.status, c.code, c.want, c.wcode)
		}
	}
	assertStored(t, e, "alice", res.Key, "image/jpeg", 200)
}

// bucketCORS stands in for the bucket's CORS rule on OSS (without one a
// browser cannot read the upload's response): the page's origin may POST
// and read ETag and Location.
func bucketCORS(origin string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Origin") == origin {
				w.Header().Set("Access-Control-Allow-Origin", origin)
				w.Header().Set("Access-Control-Expose-Headers", "ETag, Location")
				if r.Method == http.MethodOptions {
					w.Header().Set("Access-Control-Allow-Methods", "POST, PUT, GET")
					w.Header().Set("Access-Control-Allow-Headers", "*")
					w.WriteHeader(http.StatusOK)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}
