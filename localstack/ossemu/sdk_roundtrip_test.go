package ossemu_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func TestSDKRoundTrip(t *testing.T) {
	srv := ossemutest.NewServer(t)
	c := goodClient(srv)
	ctx := context.Background()
	if _, err := c.PutBucket(ctx, &oss.PutBucketRequest{Bucket: oss.Ptr("photos")}); err != nil {
		t.Fatalf("put bucket: %v", err)
	}
	data := []byte("hello, emulator")
	res, err := c.PutObject(ctx, &oss.PutObjectRequest{
		Bucket: oss.Ptr("photos"), Key: oss.Ptr("dir/a b+ü.txt"), Body: bytes.NewReader(data),
		ContentType: oss.Ptr("text/plain"), Metadata: map[string]string{"Owner": "eric"},
		StorageClass: oss.StorageClassIA,
	})
	if err != nil {
		t.Fatalf("put object: %v", err)
	}
	sum := md5.Sum(data)
	wantETag := `"` + strings.ToUpper(hex.EncodeToString(sum[:])) + `"`
	if got := oss.ToString(res.ETag); got != wantETag {
		t.Errorf("put etag = %s; want %s", got, wantETag)
	}
	if got := get(t, c, "photos", "dir/a b+ü.txt"); !bytes.Equal(got, data) {
		t.Errorf("get body = %q; want %q", got, data)
	}
	head, err := c.HeadObject(ctx, &oss.HeadObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("dir/a b+ü.txt")})
	if err != nil {
		t.Fatalf("head: %v", err)
	}
	if head.ContentLength != int64(len(data)) || oss.ToString(head.ContentType) != "text/plain" ||
		head.Metadata["Owner"] != "eric" && head.Metadata["owner"] != "eric" || oss.ToString(head.StorageClass) != "IA" {
		t.Errorf("head = len %d type %q meta %v class %q; want %d text/plain owner=eric IA",
			head.ContentLength, oss.ToString(head.ContentType), head.Metadata, oss.ToString(head.StorageClass), len(data))
	}
	if _, err := c.CopyObject(ctx, &oss.CopyObjectRequest{
		Bucket: oss.Ptr("photos"), Key: oss.Ptr("copy.txt"),
		SourceBucket: oss.Ptr("photos"), SourceKey: oss.Ptr("dir/a b+ü.txt"),
	}); err != nil {
		t.Fatalf("copy: %v", err)
	}
	if got := get(t, c, "photos", "copy.txt"); !bytes.Equal(got, data) {
		t.Errorf("copy body = %q; want %q", got, data)
	}
	list, err := c.ListObjectsV2(ctx, &oss.ListObjectsV2Request{Bucket: oss.Ptr("photos")})
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	var keys []string
	for _, o := range list.Contents {
		keys = append(keys, oss.ToString(o.Key))
	}
	if strings.Join(keys, "|") != "copy.txt|dir/a b+ü.txt" {
		t.Errorf("list keys = %q; want [copy.txt dir/a b+ü.txt]", keys)
	}
	if _, err := c.DeleteObject(ctx, &oss.DeleteObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("copy.txt")}); err != nil {
		t.Fatalf("delete: %v", err)
	}
	_, err = c.GetObject(ctx, &oss.GetObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("copy.txt")})
	if code, status := serviceCode(err); code != "NoSuchKey" || status != 404 {
		t.Errorf("get deleted = %s %d; want NoSuchKey 404", code, status)
	}
	var names []string
	for _, e := range srv.Events() {
		names = append(names, e.Name)
	}
	want := "ObjectCreated:PutObject ObjectCreated:CopyObject ObjectRemoved:DeleteObject"
	if strings.Join(names, " ") != want {
		t.Errorf("events = %q; want %q", names, want)
	}
}
