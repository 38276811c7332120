package ossemu_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit/postpolicy"
	"github.com/ossflow/ossflow/pkg/osskit/signer"
)

// postForm posts fields (in order) and then the file, as a browser does.
func postForm(t *testing.T, url string, fields map[string]string, file []byte) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := w.CreateFormFile("file", "photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(file)
	w.Close()
	resp, err := http.Post(url, w.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func signForm(t *testing.T, srv *ossemutest.Server, b *postpolicy.Builder, secret string) map[string]string {
	t.Helper()
	form, err := b.Sign(signer.Credentials{AccessKeyID: srv.AccessKeyID, AccessKeySecret: secret}, srv.Region, time.Now())
	if err != nil {
		t.Fatalf("sign form: %v", err)
	}
	return form.Fields
}

func TestPostObject(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "uploads")
	url := srv.URL + "/uploads"
	base := func() *postpolicy.Builder {
		return postpolicy.New().Bucket("uploads").KeyPrefix("user/42/").ContentLengthRange(1, 10)
	}
	tests := []struct {
		name     string
		fields   func() map[string]string
		file     string
		status   int
		wantCode string
	}{
		{"accepted", func() map[string]string {
			f := signForm(t, srv, base(), srv.AccessKeySecret)
			f["key"] = "user/42/a.jpg"
			return f
		}, "0123456789", 204, ""},
		{"too large", func() map[string]string {
			f := signForm(t, srv, base(), srv.AccessKeySecret)
			f["key"] = "user/42/b.jpg"
			return f
		}, "0123456789X", 400, "EntityTooLarge"},
		{"key outside prefix", func() map[string]string {
			f := signForm(t, srv, base(), srv.AccessKeySecret)
			f["key"] = "user/43/a.jpg"
			return f
		}, "x", 403, "AccessDenied"},
		{"wrong secret", func() map[string]string {
			f := signForm(t, srv, base(), "not-the-secret")
			f["key"] = "user/42/c.jpg"
			return f
		}, "x", 403, "SignatureDoesNotMatch"},
		{"anonymous on private bucket", func() map[string]string {
			return map[string]string{"key": "user/42/d.jpg"}
		}, "x", 403, "AccessDenied"},
		{"overwrite forbidden", func() map[string]string {
			f := signForm(t, srv, base().ForbidOverwrite(true), srv.AccessKeySecret)
			f["key"] = "user/42/a.jpg"
			return f
		}, "x", 409, "FileAlreadyExists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := postForm(t, url, tt.fields(), []byte(tt.file))
			if tt.wantCode == "" {
				resp.Body.Close()
				if resp.StatusCode != tt.status {
					t.Fatalf("status = %d; want %d", resp.StatusCode, tt.status)
				}
				return
			}
			x := readError(t, resp)
			if resp.StatusCode != tt.status || x.Code != tt.wantCode {
				t.Fatalf("status = %d %s (%s); want %d %s", resp.StatusCode, x.Code, x.Message, tt.status, tt.wantCode)
			}
		})
	}
	evs := srv.Events()
	if len(evs) != 1 || evs[0].Name != "ObjectCreated:PostObject" || evs[0].Key != "user/42/a.jpg" || evs[0].Size != 10 {
		t.Errorf("events = %+v; want one PostObject for user/42/a.jpg, 10 bytes", evs)
	}
}

func TestPostObjectStatus201(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "uploads")
	f := signForm(t, srv, postpolicy.New().Bucket("uploads").Key("k.txt").ContentLengthRange(0, 100).
		SuccessActionStatus(201).Meta("x-oss-meta-owner", "eric"), srv.AccessKeySecret)
	resp := postForm(t, srv.URL+"/uploads", f, []byte("hello"))
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var pr struct {
		Bucket, Key, ETag string
	}
	if err := xml.Unmarshal(body, &pr); resp.StatusCode != 201 || err != nil || pr.Key != "k.txt" || pr.Bucket != "uploads" {
		t.Fatalf("post = %d %q; want 201 PostResponse for uploads/k.txt", resp.StatusCode, body)
	}
	get := do(t, signed(t, srv, "GET", "uploads", "k.txt", nil))
	get.Body.Close()
	if get.Header.Get("x-oss-meta-owner") != "eric" || !strings.Contains(pr.ETag, "5D41402ABC4B2A76B9719D911017C592") {
		t.Errorf("stored meta %q etag %q; want owner=eric and MD5 of hello", get.Header.Get("x-oss-meta-owner"), pr.ETag)
	}
}

func TestAnonymousPostOnPublicReadWriteBucket(t *testing.T) {
	srv := ossemutest.NewServer(t)
	if err := srv.CreateBucket("dropbox", "public-read-write"); err != nil {
		t.Fatal(err)
	}
	resp := postForm(t, srv.URL+"/dropbox", map[string]string{"key": "in/${filename}"}, []byte("anon"))
	resp.Body.Close()
	if resp.StatusCode != 204 {
		t.Fatalf("anonymous post = %d; want 204", resp.StatusCode)
	}
	evs := srv.Events()
	if len(evs) != 1 || evs[0].Key != "in/photo.jpg" || evs[0].Principal != "anonymous" {
		t.Errorf("events = %+v; want one for in/photo.jpg by anonymous", evs)
	}
}

func TestPostObjectRedirect(t *testing.T) {
	srv := ossemutest.NewServer(t)
	if err := srv.CreateBucket("dropbox", "public-read-write"); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("key", "r.txt")
	w.WriteField("success_action_redirect", "https://app.example/done?x=1")
	fw, _ := w.CreateFormFile("file", "r.txt")
	fw.Write([]byte("hi"))
	w.Close()
	resp, err := client.Post(srv.URL+"/dropbox", w.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "https://app.example/done?") || !strings.Contains(loc, "key=r.txt") || !strings.Contains(loc, "bucket=dropbox") {
		t.Errorf("redirect = %d %q; want 303 to the target with bucket and key", resp.StatusCode, loc)
	}
}
