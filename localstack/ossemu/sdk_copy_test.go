package ossemu_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func TestSDKCopyObject(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "src")
	srv.MustBucket(t, "dst")
	if err := srv.SeedObject("src", "in/a b.txt", []byte("payload"), ossemu.SeedInfo{
		ContentType: "text/plain", UserMeta: map[string]string{"color": "red"},
	}); err != nil {
		t.Fatal(err)
	}
	c := goodClient(srv)
	ctx := context.Background()
	copyReq := func(key string) *oss.CopyObjectRequest {
		return &oss.CopyObjectRequest{Bucket: oss.Ptr("dst"), Key: oss.Ptr(key),
			SourceBucket: oss.Ptr("src"), SourceKey: oss.Ptr("in/a b.txt")}
	}
	head := func(key string) *oss.HeadObjectResult {
		t.Helper()
		h, err := c.HeadObject(ctx, &oss.HeadObjectRequest{Bucket: oss.Ptr("dst"), Key: oss.Ptr(key)})
		if err != nil {
			t.Fatalf("head %s: %v", key, err)
		}
		return h
	}

	res, err := c.CopyObject(ctx, copyReq("kept"))
	if err != nil {
		t.Fatalf("copy: %v", err)
	}
	h := head("kept")
	if oss.ToString(res.ETag) != oss.ToString(h.ETag) || h.Metadata["Color"]+h.Metadata["color"] != "red" || oss.ToString(h.ContentType) != "text/plain" {
		t.Errorf("COPY directive: etag %s/%s meta %v type %s; want same etag, color=red, text/plain",
			oss.ToString(res.ETag), oss.ToString(h.ETag), h.Metadata, oss.ToString(h.ContentType))
	}

	r := copyReq("replaced")
	r.MetadataDirective = oss.Ptr("REPLACE")
	r.Metadata = map[string]string{"size": "big"}
	r.ContentType = oss.Ptr("application/json")
	if _, err := c.CopyObject(ctx, r); err != nil {
		t.Fatalf("copy replace: %v", err)
	}
	h = head("replaced")
	if _, has := h.Metadata["Color"]; has || oss.ToString(h.ContentType) != "application/json" || !strings.EqualFold(h.Metadata["Size"]+h.Metadata["size"], "big") {
		t.Errorf("REPLACE directive: meta %v type %s; want only size=big, application/json", h.Metadata, oss.ToString(h.ContentType))
	}

	r = copyReq("kept")
	r.ForbidOverwrite = oss.Ptr("true")
	_, err = c.CopyObject(ctx, r)
	if code, status := serviceCode(err); code != "FileAlreadyExists" || status != 409 {
		t.Errorf("copy onto existing with forbid-overwrite = %s %d; want FileAlreadyExists 409", code, status)
	}

	r = copyReq("cond")
	r.IfMatch = oss.Ptr(`"00000000000000000000000000000000"`)
	_, err = c.CopyObject(ctx, r)
	if code, status := serviceCode(err); code != "PreconditionFailed" || status != 412 {
		t.Errorf("copy with failing if-match = %s %d; want PreconditionFailed 412", code, status)
	}

	r = &oss.CopyObjectRequest{Bucket: oss.Ptr("dst"), Key: oss.Ptr("x"), SourceBucket: oss.Ptr("src"), SourceKey: oss.Ptr("missing")}
	_, err = c.CopyObject(ctx, r)
	if code, status := serviceCode(err); code != "NoSuchKey" || status != 404 {
		t.Errorf("copy of missing source = %s %d; want NoSuchKey 404", code, status)
	}
}

func TestSDKSignatureV1(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	for _, secret := range []string{srv.AccessKeySecret, "wrong"} {
		cfg := oss.LoadDefaultConfig().
			WithCredentialsProvider(staticCreds(srv.AccessKeyID, secret)).
			WithRegion(srv.Region).WithEndpoint(srv.URL).WithUsePathStyle(true).WithRetryMaxAttempts(1).
			WithSignatureVersion(oss.SignatureVersionV1)
		c := oss.NewClient(cfg)
		_, err := c.PutObject(context.Background(), &oss.PutObjectRequest{
			Bucket: oss.Ptr("photos"), Key: oss.Ptr("v1.txt"), Body: strings.NewReader("old client"),
		})
		code, _ := serviceCode(err)
		if secret == srv.AccessKeySecret && err != nil {
			t.Errorf("V1 put with the right secret = %v; want success", err)
		}
		if secret == "wrong" && code != "SignatureDoesNotMatch" {
			t.Errorf("V1 put with a wrong secret = %s; want SignatureDoesNotMatch", code)
		}
	}
}
