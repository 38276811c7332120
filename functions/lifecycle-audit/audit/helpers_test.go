package audit

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
)

// now is the audit time of every emulator test; ages are counted from it.
var now = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

func ago(d int) time.Time { return now.Add(-time.Duration(d) * day) }

// clock is the emulator's clock: the wall clock (requests are signed with
// it), or a set time while an upload is started "in the past".
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.t.IsZero() {
		return time.Now()
	}
	return c.t
}
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// env is a running emulator with our adapter and the official SDK pointed at it.
type env struct {
	srv   *ossemutest.Server
	clock *clock
	store *ossclient.Client
	sdk   *oss.Client
}

func newEnv(t *testing.T) *env {
	t.Helper()
	c := &clock{}
	srv := ossemutest.NewServer(t, func(cfg *ossemu.Config) { cfg.Clock = c.Now })
	store, err := ossclient.New(ossclient.Config{Endpoint: srv.URL, Region: srv.Region, UsePathStyle: true,
		MaxAttempts: 5, BaseDelay: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		Credentials: ossclient.StaticCredentials{AccessKeyID: srv.AccessKeyID, AccessKeySecret: srv.AccessKeySecret}})
	if err != nil {
		t.Fatal(err)
	}
	return &env{srv: srv, clock: c, store: store, sdk: sdkClient(srv)}
}

// sdkClient is the official SDK pointed at srv. It retries once so that a
// RequestTimeTooSkewed answer teaches it the emulator's (set) clock: the
// SDK then signs with the server's time.
func sdkClient(srv *ossemutest.Server) *oss.Client {
	return oss.NewClient(oss.LoadDefaultConfig().
		WithCredentialsProvider(credentials.NewStaticCredentialsProvider(srv.AccessKeyID, srv.AccessKeySecret)).
		WithRegion(srv.Region).WithEndpoint(srv.URL).WithUsePathStyle(true).WithRetryMaxAttempts(2).
		WithSignatureVersion(oss.SignatureVersionV4))
}

// seed stores size bytes at key with class and last-modified time.
func (e *env) seed(t *testing.T, bucket, key string, size int, class string, modified time.Time) {
	t.Helper()
	if err := e.srv.SeedObject(bucket, key, make([]byte, size), ossemu.SeedInfo{StorageClass: class, LastModified: modified}); err != nil {
		t.Fatal(err)
	}
}

// upload starts a multipart upload at the given time and leaves it unfinished.
func (e *env) upload(t *testing.T, bucket, key string, at time.Time) {
	t.Helper()
	e.clock.Set(at)
	defer e.clock.Set(time.Time{})
	if _, err := sdkClient(e.srv).InitiateMultipartUpload(context.Background(), &oss.InitiateMultipartUploadRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(key)}); err != nil {
		t.Fatalf("initiate upload %s: %v", key, err)
	}
}

func (e *env) lifecycle(t *testing.T, bucket string, rules ...oss.LifecycleRule) {
	t.Helper()
	_, err := e.sdk.PutBucketLifecycle(context.Background(), &oss.PutBucketLifecycleRequest{Bucket: oss.Ptr(bucket),
		LifecycleConfiguration: &oss.LifecycleConfiguration{Rules: rules}})
	if err != nil {
		t.Fatalf("put lifecycle: %v", err)
	}
}
