package ossemu_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func TestForbidOverwrite(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	c := goodClient(srv)
	ctx := context.Background()
	req := func(body string) *oss.PutObjectRequest {
		return &oss.PutObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("a.txt"),
			Body: strings.NewReader(body), ForbidOverwrite: oss.Ptr("true")}
	}
	if _, err := c.PutObject(ctx, req("first")); err != nil {
		t.Fatalf("first put: %v", err)
	}
	_, err := c.PutObject(ctx, req("second"))
	if code, status := serviceCode(err); code != "FileAlreadyExists" || status != 409 {
		t.Fatalf("second put = %s %d; want FileAlreadyExists 409", code, status)
	}
	if got := get(t, c, "photos", "a.txt"); string(got) != "first" {
		t.Errorf("body after refused overwrite = %q; want first", got)
	}
}

func TestContentMD5(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	other := md5.Sum([]byte("something else"))
	tests := []struct {
		name, md5, wantCode, wantEC string
		status                      int
	}{
		{"not base64", "%%%", "InvalidDigest", "0017-00000502", 400},
		{"short digest", base64.StdEncoding.EncodeToString([]byte("short")), "InvalidDigest", "0017-00000502", 400},
		{"wrong digest", base64.StdEncoding.EncodeToString(other[:]), "InvalidDigest", "0017-00000503", 400},
		{"right digest", base64.StdEncoding.EncodeToString(md5sum("payload")), "", "", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := signedWith(t, srv, "PUT", "photos", "a.txt", "payload", map[string]string{"Content-MD5": tt.md5})
			resp := do(t, req)
			if tt.wantCode == "" {
				resp.Body.Close()
				if resp.StatusCode != tt.status {
					t.Fatalf("status = %d; want %d", resp.StatusCode, tt.status)
				}
				return
			}
			x := readError(t, resp)
			if resp.StatusCode != tt.status || x.Code != tt.wantCode || x.EC != tt.wantEC {
				t.Fatalf("status = %d %s EC %s; want %d %s EC %s", resp.StatusCode, x.Code, x.EC, tt.status, tt.wantCode, tt.wantEC)
			}
		})
	}
}

func md5sum(s string) []byte { sum := md5.Sum([]byte(s)); return sum[:] }

func TestOversizeBody(t *testing.T) {
	srv := ossemutest.NewServer(t, func(c *ossemu.Config) { c.MaxObjectSize = 10 })
	srv.MustBucket(t, "photos")
	c := goodClient(srv)
	for _, size := range []int{10, 11} {
		_, err := c.PutObject(context.Background(), &oss.PutObjectRequest{
			Bucket: oss.Ptr("photos"), Key: oss.Ptr("a.bin"), Body: bytes.NewReader(make([]byte, size)),
		})
		code, status := serviceCode(err)
		switch {
		case size == 10 && err != nil:
			t.Errorf("put %d bytes (the limit) = %v; want success", size, err)
		case size == 11 && (code != "EntityTooLarge" || status != 400):
			t.Errorf("put %d bytes = %s %d; want EntityTooLarge 400", size, code, status)
		}
	}
	// A chunked body (no Content-Length) is cut off at the limit too.
	req := signedWith(t, srv, "PUT", "photos", "b.bin", "", nil)
	req.Body = io.NopCloser(bytes.NewReader(make([]byte, 50)))
	req.ContentLength = -1
	x := readError(t, do(t, req))
	if x.Code != "EntityTooLarge" {
		t.Errorf("chunked oversize = %s; want EntityTooLarge", x.Code)
	}
}

func TestRangeGet(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	if err := srv.SeedObject("photos", "digits", []byte("0123456789")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rng, body, contentRange string
		status                  int
	}{
		{"bytes=2-4", "234", "bytes 2-4/10", 206},
		{"bytes=7-", "789", "bytes 7-9/10", 206},
		{"bytes=-2", "89", "bytes 8-9/10", 206},
		{"bytes=8-100", "89", "bytes 8-9/10", 206},
		{"bytes=5-2", "0123456789", "", 200},     // invalid: ignored, as OSS does
		{"bytes=0-1,3-4", "0123456789", "", 200}, // multi-range: ignored
		{"bytes=10-20", "", "bytes */10", 416},
	}
	for _, tt := range tests {
		req := signedWith(t, srv, "GET", "photos", "digits", "", map[string]string{"Range": tt.rng})
		resp := do(t, req)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || resp.Header.Get("Content-Range") != tt.contentRange {
			t.Errorf("Range %s: status = %d Content-Range %q; want %d %q", tt.rng, resp.StatusCode, resp.Header.Get("Content-Range"), tt.status, tt.contentRange)
		}
		if tt.status != 416 && string(body) != tt.body {
			t.Errorf("Range %s: body = %q; want %q", tt.rng, body, tt.body)
		}
		if tt.status == 416 && !strings.Contains(string(body), "<Code>InvalidRange</Code>") {
			t.Errorf("Range %s: body = %q; want InvalidRange error", tt.rng, body)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	modified := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := srv.SeedObject("photos", "a.txt", []byte("hello"), ossemu.SeedInfo{LastModified: modified}); err != nil {
		t.Fatal(err)
	}
	etag := `"` + strings.ToUpper(hexOf(md5sum("hello"))) + `"`
	before, after := modified.Add(-time.Hour).Format(http.TimeFormat), modified.Add(time.Hour).Format(http.TimeFormat)
	tests := []struct {
		header, value string
		status        int
	}{
		{"If-Match", etag, 200},
		{"If-Match", `"0000"`, 412},
		{"If-None-Match", etag, 304},
		{"If-None-Match", `"0000"`, 200},
		{"If-Modified-Since", after, 304},
		{"If-Modified-Since", before, 200},
		{"If-Unmodified-Since", before, 412},
		{"If-Unmodified-Since", after, 200},
		{"If-Modified-Since", "not a date", 200},
	}
	for _, tt := range tests {
		for _, method := range []string{"GET", "HEAD"} {
			resp := do(t, signedWith(t, srv, method, "photos", "a.txt", "", map[string]string{tt.header: tt.value}))
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("%s %s: %s: status = %d; want %d", method, tt.header, tt.value, resp.StatusCode, tt.status)
			}
		}
	}
	// The SDK surfaces a 412 as PreconditionFailed.
	_, err := goodClient(srv).GetObject(context.Background(), &oss.GetObjectRequest{
		Bucket: oss.Ptr("photos"), Key: oss.Ptr("a.txt"), IfMatch: oss.Ptr(`"0000"`),
	})
	if code, status := serviceCode(err); code != "PreconditionFailed" || status != 412 {
		t.Errorf("sdk if-match = %s %d; want PreconditionFailed 412", code, status)
	}
}

func TestArchivedObjectNeedsRestore(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	if err := srv.SeedObject("photos", "old.log", []byte("x"), ossemu.SeedInfo{StorageClass: "Archive"}); err != nil {
		t.Fatal(err)
	}
	c := goodClient(srv)
	head, err := c.HeadObject(context.Background(), &oss.HeadObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("old.log")})
	if err != nil || oss.ToString(head.StorageClass) != "Archive" {
		t.Fatalf("head archived = %v, class %q; want success, Archive", err, oss.ToString(head.StorageClass))
	}
	_, err = c.GetObject(context.Background(), &oss.GetObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("old.log")})
	if code, status := serviceCode(err); code != "InvalidObjectState" || status != 403 {
		t.Errorf("get archived = %s %d; want InvalidObjectState 403", code, status)
	}
}
