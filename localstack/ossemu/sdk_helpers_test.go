package ossemu_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

// sdkClient is the official OSS SDK pointed at srv: path style, V4, static keys.
func sdkClient(srv *ossemutest.Server, id, secret string) *oss.Client {
	cfg := oss.LoadDefaultConfig().
		WithCredentialsProvider(credentials.NewStaticCredentialsProvider(id, secret)).
		WithRegion(srv.Region).
		WithEndpoint(srv.URL).
		WithUsePathStyle(true).
		WithRetryMaxAttempts(1).
		WithSignatureVersion(oss.SignatureVersionV4)
	return oss.NewClient(cfg)
}

func goodClient(srv *ossemutest.Server) *oss.Client {
	return sdkClient(srv, srv.AccessKeyID, srv.AccessKeySecret)
}

// serviceCode is the OSS error code the SDK reports for err, or "" for none.
func serviceCode(err error) (string, int) {
	var se *oss.ServiceError
	if errors.As(err, &se) {
		return se.Code, se.StatusCode
	}
	return "", 0
}

func put(t *testing.T, c *oss.Client, bucket, key string, data []byte) *oss.PutObjectResult {
	t.Helper()
	res, err := c.PutObject(context.Background(), &oss.PutObjectRequest{
		Bucket: oss.Ptr(bucket), Key: oss.Ptr(key), Body: bytes.NewReader(data),
	})
	if err != nil {
		t.Fatalf("put %s/%s: %v", bucket, key, err)
	}
	return res
}

func get(t *testing.T, c *oss.Client, bucket, key string) []byte {
	t.Helper()
	res, err := c.GetObject(context.Background(), &oss.GetObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(key)})
	if err != nil {
		t.Fatalf("get %s/%s: %v", bucket, key, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read %s/%s: %v", bucket, key, err)
	}
	return data
}

func asServiceError(err error, se **oss.ServiceError) bool { return errors.As(err, se) }

func staticCreds(id, secret string) credentials.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(id, secret)
}
