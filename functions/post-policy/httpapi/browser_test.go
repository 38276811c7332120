package httpapi

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ossflow/ossflow/functions/post-policy/grant"
	"github.com/ossflow/ossflow/internal/nodetest"
)

// TestBrowserUpload drives headless Chromium through a page that asks the
// function for grants with fetch (CORS preflight included) and posts the
// returned fields as FormData to the emulator, then checks what the
// browser saw: 201 for a good upload, OSS's refusals for the rest. Under
// CI=true missing tools fail the test; locally they skip it.
func TestBrowserUpload(t *testing.T) {
	nodetest.Require(t, "playwright-core")
	nodetest.Chromium(t)

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
	var res struct {
		Error                                                                                      string
		Key                                                                                        string
		OK, Replay, TooLarge, ExactMax, WrongType, OtherKey, Tampered, Put, PutAgain, PutWrongType struct {
			Status int
			Code   string
		}
	}
	nodetest.Run(t, "browser-upload.js", nil, &res, pageSrv.URL+"/upload.html#"+frag.Encode())
	if res.Error != "" {
		t.Fatalf("the page failed: %s", res.Error)
	}
	t.Logf("browser saw: %+v", res)
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
