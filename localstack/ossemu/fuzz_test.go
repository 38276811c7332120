package ossemu

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// FuzzServeHTTP throws arbitrary methods, paths, queries and headers at the
// handler. Whatever arrives, the emulator must answer (never panic, which
// ServeHTTP would turn into a 500) and every error must be an OSS XML
// document carrying the request id.
func FuzzServeHTTP(f *testing.F) {
	f.Add("GET", "/bkt/k", "list-type=2&max-keys=5", "bytes=0-1", "")
	f.Add("PUT", "/bkt/k%20x", "uploadId=1&partNumber=2", "", "Zm9v")
	f.Add("POST", "/bkt/", "delete", "", "")
	f.Add("HEAD", "/", "x-oss-signature=1&x-oss-credential=a/b", "bytes=-0", "")
	f.Add("DELETE", "//bkt//", "lifecycle", "bytes=9999999999999999999-", "")
	f.Add("OPTIONS", "/bkt/k", "cors", "", "")
	s, err := New(Config{AccessKeys: map[string]string{"id": "secret"}, Clock: func() time.Time { return time.Unix(1700000000, 0) }})
	if err != nil {
		f.Fatal(err)
	}
	if err := s.CreateBucket("bkt", "public-read-write"); err != nil {
		f.Fatal(err)
	}
	if err := s.SeedObject("bkt", "k", []byte("0123456789")); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, path, query, rng, md5 string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path+query, " \r\n#") {
			return
		}
		req, err := http.NewRequest(method, "http://127.0.0.1"+path+"?"+query, strings.NewReader("body"))
		if err != nil {
			return
		}
		req.Header.Set("Range", rng)
		req.Header.Set("Content-MD5", md5)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code == http.StatusInternalServerError {
			t.Fatalf("%s %s?%s: 500 %s", method, path, query, w.Body.String())
		}
		if w.Code >= 400 && method != http.MethodHead && !strings.Contains(w.Body.String(), "<RequestId>"+w.Header().Get("x-oss-request-id")+"</RequestId>") {
			t.Fatalf("%s %s?%s: %d without an OSS error document: %q", method, path, query, w.Code, w.Body.String())
		}
	})
}
