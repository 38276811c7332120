package ossemu_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

// TestTemporaryCredentialPolicy: a temporary credential's Authorize hook
// is asked about every operation with OSS's RAM action and resource, and a
// refusal is 403 AccessDenied.
func TestTemporaryCredentialPolicy(t *testing.T) {
	var asked []string
	// The session policy of an "upload to uploads/u1/" token, written out.
	allow := func(action, resource string) bool {
		asked = append(asked, action+" "+resource)
		own := strings.HasPrefix(resource, "acs:oss:cn-hangzhou:1234567890123456:photos/uploads/u1/")
		switch action {
		case "oss:PutObject", "oss:InitiateMultipartUpload", "oss:UploadPart", "oss:CompleteMultipartUpload", "oss:ListParts", "oss:AbortMultipartUpload":
			return own
		}
		return false
	}
	srv := ossemutest.NewServer(t, func(c *ossemu.Config) {
		c.TempCredentials = func(id string) (ossemu.TempCredential, bool) {
			return ossemu.TempCredential{Secret: "temp-secret", SecurityToken: "tok", Expires: time.Now().Add(time.Hour), Authorize: allow}, id == "STS.u1"
		}
	})
	srv.MustBucket(t, "photos")
	srv.MustBucket(t, "other")
	if err := srv.SeedObject("photos", "uploads/u2/x", []byte("theirs")); err != nil {
		t.Fatal(err)
	}
	c := oss.NewClient(oss.LoadDefaultConfig().
		WithCredentialsProvider(credentials.NewStaticCredentialsProvider("STS.u1", "temp-secret", "tok")).
		WithRegion(srv.Region).WithEndpoint(srv.URL).WithUsePathStyle(true).WithRetryMaxAttempts(1))
	ctx := context.Background()
	body := func() *bytes.Reader { return bytes.NewReader([]byte("data")) }
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"put own prefix", func() error {
			_, err := c.PutObject(ctx, &oss.PutObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/u1/a.jpg"), Body: body()})
			return err
		}, ""},
		{"put other user's prefix", func() error {
			_, err := c.PutObject(ctx, &oss.PutObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/u2/x"), Body: body()})
			return err
		}, "AccessDenied"},
		{"put other bucket", func() error {
			_, err := c.PutObject(ctx, &oss.PutObjectRequest{Bucket: oss.Ptr("other"), Key: oss.Ptr("uploads/u1/a.jpg"), Body: body()})
			return err
		}, "AccessDenied"},
		{"get own object", func() error {
			_, err := c.GetObject(ctx, &oss.GetObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/u1/a.jpg")})
			return err
		}, "AccessDenied"},
		{"delete own object", func() error {
			_, err := c.DeleteObject(ctx, &oss.DeleteObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/u1/a.jpg")})
			return err
		}, "AccessDenied"},
		{"delete multiple", func() error {
			_, err := c.DeleteMultipleObjects(ctx, &oss.DeleteMultipleObjectsRequest{Bucket: oss.Ptr("photos"), Objects: []oss.DeleteObject{{Key: oss.Ptr("uploads/u2/x")}}})
			return err
		}, "AccessDenied"},
		{"copy from another user", func() error {
			_, err := c.CopyObject(ctx, &oss.CopyObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/u1/stolen"), SourceKey: oss.Ptr("uploads/u2/x")})
			return err
		}, "AccessDenied"},
		{"list bucket", func() error {
			_, err := c.ListObjectsV2(ctx, &oss.ListObjectsV2Request{Bucket: oss.Ptr("photos")})
			return err
		}, "AccessDenied"},
		{"put bucket CORS", func() error {
			_, err := c.PutBucketCors(ctx, &oss.PutBucketCorsRequest{Bucket: oss.Ptr("photos"), CORSConfiguration: &oss.CORSConfiguration{
				CORSRules: []oss.CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT"}}}}})
			return err
		}, "AccessDenied"},
		{"multipart in own prefix", func() error {
			up, err := c.InitiateMultipartUpload(ctx, &oss.InitiateMultipartUploadRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/u1/big")})
			if err != nil {
				return err
			}
			part, err := c.UploadPart(ctx, &oss.UploadPartRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/u1/big"), UploadId: up.UploadId, PartNumber: 1, Body: body()})
			if err != nil {
				return err
			}
			_, err = c.CompleteMultipartUpload(ctx, &oss.CompleteMultipartUploadRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/u1/big"), UploadId: up.UploadId,
				CompleteMultipartUpload: &oss.CompleteMultipartUpload{Parts: []oss.UploadPart{{PartNumber: 1, ETag: part.ETag}}}})
			return err
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			code, status := serviceCode(err)
			if code != tt.want || (tt.want == "" && err != nil) {
				t.Fatalf("code = %q (%v); want %q", code, err, tt.want)
			}
			if tt.want == "AccessDenied" && status != 403 {
				t.Errorf("status = %d; want 403", status)
			}
		})
	}
	for _, want := range []string{
		"oss:PutObject acs:oss:cn-hangzhou:1234567890123456:photos/uploads/u1/a.jpg",
		"oss:GetObject acs:oss:cn-hangzhou:1234567890123456:photos/uploads/u2/x",
		"oss:DeleteObject acs:oss:cn-hangzhou:1234567890123456:photos/uploads/u2/x",
		"oss:ListObjects acs:oss:cn-hangzhou:1234567890123456:photos",
		"oss:PutBucketCors acs:oss:cn-hangzhou:1234567890123456:photos",
		"oss:CompleteMultipartUpload acs:oss:cn-hangzhou:1234567890123456:photos/uploads/u1/big",
	} {
		if !contains(asked, want) {
			t.Errorf("Authorize was never asked %q; asked %q", want, asked)
		}
	}
	if _, err := goodClient(srv).GetObject(ctx, &oss.GetObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("uploads/u1/a.jpg")}); err != nil {
		t.Errorf("long-term keys must not be narrowed by a temporary credential's policy: %v", err)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
