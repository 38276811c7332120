package ossclient

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/osskit"
)

func TestPutHeaders(t *testing.T) {
	var got http.Header
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		io.Copy(io.Discard, r.Body)
		w.Header().Set("ETag", `"5D41402ABC4B2A76B9719D911017C592"`)
		w.Header().Set("x-oss-version-id", "v1")
	}))
	body := bytes.NewReader([]byte("..hello"))
	body.Seek(2, io.SeekStart) // only "hello" is the payload: hashing must start at the current offset
	res, err := c.PutObject(context.Background(), mustBucket(t, "bkt"), mustKey(t, "k.txt"), body, osskit.PutOptions{
		ContentType: "text/plain", CacheControl: "no-cache", Metadata: map[string]string{"owner": "alice"},
		ForbidOverwrite: true, StorageClass: osskit.IA,
	})
	if err != nil {
		t.Fatalf("PutObject: %v", err)
	}
	want := map[string]string{
		"Content-Md5":            "XUFAKrxLKna5cZ2REBfFkg==", // base64 MD5 of "hello"
		"Content-Type":           "text/plain",
		"Cache-Control":          "no-cache",
		"X-Oss-Meta-Owner":       "alice",
		"X-Oss-Forbid-Overwrite": "true",
		"X-Oss-Storage-Class":    "IA",
		"X-Oss-Security-Token":   testToken,
	}
	for h, v := range want {
		if got.Get(h) != v {
			t.Errorf("header %s = %q; want %q", h, got.Get(h), v)
		}
	}
	if auth := got.Get("Authorization"); !strings.HasPrefix(auth, "OSS4-HMAC-SHA256 Credential="+testKeyID+"/") ||
		!strings.Contains(auth, "/cn-hangzhou/oss/aliyun_v4_request") {
		t.Errorf("Authorization = %q; want a V4 signature scoped to cn-hangzhou", auth)
	}
	if res.ETag != "5D41402ABC4B2A76B9719D911017C592" || res.VersionID != "v1" {
		t.Errorf("result = %+v; want unquoted ETag and version v1", res)
	}
}

func TestInvocationCredentialsReachRequests(t *testing.T) {
	var auth, token string
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, token = r.Header.Get("Authorization"), r.Header.Get("x-oss-security-token")
		w.WriteHeader(http.StatusNoContent)
	}), func(c *Config) {
		c.Credentials = InvocationCredentials{Getenv: func(string) string { return "" }}
	})
	ctx := events.WithInvocation(context.Background(), events.Invocation{
		Credentials: events.Credentials{AccessKeyID: "STS.fresh", AccessKeySecret: "s", SecurityToken: "tok-1"}})
	if err := c.DeleteObject(ctx, mustBucket(t, "bkt"), mustKey(t, "k")); err != nil {
		t.Fatalf("DeleteObject: %v", err)
	}
	if !strings.Contains(auth, "Credential=STS.fresh/") || token != "tok-1" {
		t.Errorf("request signed with %q token %q; want the invocation's STS.fresh / tok-1", auth, token)
	}
	// Without invocation or environment credentials nothing is sent.
	err := c.DeleteObject(context.Background(), mustBucket(t, "bkt"), mustKey(t, "k"))
	var oe *osskit.Error
	if !errors.As(err, &oe) || oe.Kind != nil || oe.Op != "DeleteObject" {
		t.Errorf("no credentials: err = %#v; want a kindless *osskit.Error (internal) from DeleteObject", err)
	}
}

func TestGetCapsUnannouncedBody(t *testing.T) {
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// No Content-Length: a chunked body of 64 bytes.
		w.(http.Flusher).Flush()
		w.Write(bytes.Repeat([]byte("z"), 64))
	}))
	rc, _, err := c.GetObject(context.Background(), mustBucket(t, "bkt"), mustKey(t, "k"), osskit.GetOptions{MaxSize: 10})
	if err != nil {
		t.Fatalf("GetObject: %v", err)
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, rc)
	if !errors.Is(err, osskit.ErrTooLarge) || n != 10 {
		t.Errorf("read %d bytes, err %v; want 10 bytes then ErrTooLarge", n, err)
	}
}

func TestGetRangeHeaders(t *testing.T) {
	var rng, behavior string
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rng, behavior = r.Header.Get("Range"), r.Header.Get("x-oss-range-behavior")
		w.Header().Set("Content-Range", "bytes 5-9/1000")
		w.Header().Set("x-oss-restore", `ongoing-request="false", expiry-date="Thu, 24 Sep 2020 12:40:33 GMT"`)
		w.Header().Set("x-oss-storage-class", "Archive")
		w.WriteHeader(http.StatusPartialContent)
		w.Write([]byte("56789"))
	}))
	rc, info, err := c.GetObject(context.Background(), mustBucket(t, "bkt"), mustKey(t, "k"),
		osskit.GetOptions{MaxSize: 5, Range: &osskit.ByteRange{Start: 5, End: 9}})
	if err != nil {
		t.Fatalf("GetObject: %v", err)
	}
	rc.Close()
	if rng != "bytes=5-9" || behavior != "standard" {
		t.Errorf("sent Range %q behavior %q; want bytes=5-9, standard", rng, behavior)
	}
	if info.Size != 1000 || info.StorageClass != osskit.Archive || info.Restore == nil || info.Restore.Ongoing {
		t.Errorf("info = %+v; want size 1000 from Content-Range, Archive, finished restore", info)
	}
}
