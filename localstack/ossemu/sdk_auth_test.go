package ossemu_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

// skewed returns an option pinning the emulator's clock d away from the
// wall clock the SDK signs with.
func skewed(d time.Duration) func(*ossemu.Config) {
	return ossemutest.WithClock(func() time.Time { return time.Now().Add(d) })
}

func TestSDKSignatureFailures(t *testing.T) {
	tests := []struct {
		name       string
		id, secret string
		skew       time.Duration
		wantCode   string
	}{
		{"wrong secret", ossemutest.AccessKeyID, "not-the-secret", 0, "SignatureDoesNotMatch"},
		{"unknown key", "LTAIunknownKey", ossemutest.AccessKeySecret, 0, "InvalidAccessKeyId"},
		{"server clock 20 min ahead", ossemutest.AccessKeyID, ossemutest.AccessKeySecret, 20 * time.Minute, "RequestTimeTooSkewed"},
		{"server clock 20 min behind", ossemutest.AccessKeyID, ossemutest.AccessKeySecret, -20 * time.Minute, "RequestTimeTooSkewed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := ossemutest.NewServer(t, skewed(tt.skew))
			srv.MustBucket(t, "photos")
			c := sdkClient(srv, tt.id, tt.secret)
			_, err := c.PutObject(context.Background(), &oss.PutObjectRequest{
				Bucket: oss.Ptr("photos"), Key: oss.Ptr("a.txt"), Body: bytes.NewReader([]byte("x")),
			})
			if code, status := serviceCode(err); code != tt.wantCode || status != 403 {
				t.Fatalf("put = %s %d (%v); want %s 403", code, status, err, tt.wantCode)
			}
			if len(srv.Events()) != 0 {
				t.Errorf("refused put emitted %d events; want 0", len(srv.Events()))
			}
			if se, ok := err.(interface{ Error() string }); ok && bytes.Contains([]byte(se.Error()), []byte(ossemutest.AccessKeySecret)) {
				t.Errorf("error text contains the secret")
			}
		})
	}
}

func TestSDKPresignedGet(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "photos")
	if err := srv.SeedObject("photos", "cat.jpg", []byte("meow")); err != nil {
		t.Fatal(err)
	}
	c := goodClient(srv)
	pre, err := c.Presign(context.Background(), &oss.GetObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("cat.jpg")},
		oss.PresignExpires(time.Minute))
	if err != nil {
		t.Fatalf("presign: %v", err)
	}
	resp, err := http.Get(pre.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "meow" {
		t.Fatalf("presigned get = %d %q; want 200 meow", resp.StatusCode, body)
	}

	// The same URL two minutes later, by the emulator's clock, has expired.
	later := ossemutest.NewServer(t, skewed(2*time.Minute))
	later.MustBucket(t, "photos")
	if err := later.SeedObject("photos", "cat.jpg", []byte("meow")); err != nil {
		t.Fatal(err)
	}
	pre, err = sdkClient(later, later.AccessKeyID, later.AccessKeySecret).Presign(context.Background(),
		&oss.GetObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("cat.jpg")}, oss.PresignExpires(time.Minute))
	if err != nil {
		t.Fatalf("presign: %v", err)
	}
	resp, err = http.Get(pre.URL)
	if err != nil {
		t.Fatal(err)
	}
	x := readError(t, resp)
	if resp.StatusCode != 403 || x.Code != "AccessDenied" {
		t.Fatalf("expired presigned get = %d %s; want 403 AccessDenied", resp.StatusCode, x.Code)
	}
}

func TestTemporaryCredentials(t *testing.T) {
	now := time.Now()
	temp := map[string]ossemu.TempCredential{
		"STS.good":    {Secret: "temp-secret", SecurityToken: "token-1", Expires: now.Add(time.Hour)},
		"STS.expired": {Secret: "temp-secret", SecurityToken: "token-2", Expires: now.Add(-time.Minute)},
	}
	srv := ossemutest.NewServer(t, func(c *ossemu.Config) {
		c.TempCredentials = func(id string) (ossemu.TempCredential, bool) { tc, ok := temp[id]; return tc, ok }
	})
	srv.MustBucket(t, "photos")
	tests := []struct {
		name, id, token, wantCode string
	}{
		{"valid token", "STS.good", "token-1", ""},
		{"wrong token", "STS.good", "token-x", "InvalidSecurityToken"},
		{"no token", "STS.good", "", "InvalidSecurityToken"},
		{"expired", "STS.expired", "token-2", "SecurityTokenExpired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := oss.LoadDefaultConfig().
				WithCredentialsProvider(credentials.NewStaticCredentialsProvider(tt.id, "temp-secret", tt.token)).
				WithRegion(srv.Region).WithEndpoint(srv.URL).WithUsePathStyle(true).WithRetryMaxAttempts(1)
			_, err := oss.NewClient(cfg).PutObject(context.Background(), &oss.PutObjectRequest{
				Bucket: oss.Ptr("photos"), Key: oss.Ptr("t.txt"), Body: bytes.NewReader([]byte("x")),
			})
			code, _ := serviceCode(err)
			if code != tt.wantCode || (tt.wantCode == "" && err != nil) {
				t.Fatalf("put with %s = %q (%v); want %q", tt.name, code, err, tt.wantCode)
			}
		})
	}
}

func TestAnonymousAccessFollowsBucketACL(t *testing.T) {
	srv := ossemutest.NewServer(t)
	for _, b := range []struct{ name, acl string }{{"private-b", "private"}, {"public-b", "public-read"}} {
		if err := srv.CreateBucket(b.name, b.acl); err != nil {
			t.Fatal(err)
		}
		if err := srv.SeedObject(b.name, "a.txt", []byte("hi")); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		method, path string
		want         int
	}{
		{"GET", "/private-b/a.txt", 403},
		{"HEAD", "/private-b/a.txt", 403},
		{"GET", "/public-b/a.txt", 200},
		{"HEAD", "/public-b/a.txt", 200},
		{"PUT", "/public-b/b.txt", 403},
		{"DELETE", "/public-b/a.txt", 403},
		{"GET", "/", 403},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, bytes.NewReader(nil))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("anonymous %s %s: status = %d; want %d", tt.method, tt.path, resp.StatusCode, tt.want)
		}
	}
}

// TestSDKPresignedPut is the direct-upload path: the server presigns a PUT
// pinning the content type, the browser sends exactly that.
func TestSDKPresignedPut(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "uploads")
	pre, err := goodClient(srv).Presign(context.Background(), &oss.PutObjectRequest{
		Bucket: oss.Ptr("uploads"), Key: oss.Ptr("u/1.png"), ContentType: oss.Ptr("image/png"),
	}, oss.PresignExpires(5*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		contentType string
		status      int
	}{
		{"image/jpeg", 403}, // not what was signed
		{"image/png", 200},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(pre.Method, pre.URL, bytes.NewReader([]byte("png bytes")))
		req.Header.Set("Content-Type", tt.contentType)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("presigned put as %s = %d; want %d", tt.contentType, resp.StatusCode, tt.status)
		}
	}
	evs := srv.Events()
	if len(evs) != 1 || evs[0].ContentType != "image/png" || evs[0].Principal != srv.AccessKeyID {
		t.Errorf("events = %+v; want one image/png upload by the presigning key", evs)
	}
}

func TestObjectACLOverridesBucketACL(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "mixed")
	c := goodClient(srv)
	ctx := context.Background()
	for key, acl := range map[string]oss.ObjectACLType{"open.txt": oss.ObjectACLPublicRead, "closed.txt": oss.ObjectACLDefault} {
		if _, err := c.PutObject(ctx, &oss.PutObjectRequest{Bucket: oss.Ptr("mixed"), Key: oss.Ptr(key),
			Body: bytes.NewReader([]byte(key)), Acl: acl}); err != nil {
			t.Fatalf("put %s: %v", key, err)
		}
	}
	anon := func(key string) int {
		resp, err := http.Get(srv.URL + "/mixed/" + key)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := anon("open.txt"); got != 200 {
		t.Errorf("anonymous get of public-read object in private bucket = %d; want 200", got)
	}
	if got := anon("closed.txt"); got != 403 {
		t.Errorf("anonymous get of default-ACL object in private bucket = %d; want 403", got)
	}
	if _, err := c.PutObjectAcl(ctx, &oss.PutObjectAclRequest{Bucket: oss.Ptr("mixed"), Key: oss.Ptr("open.txt"), Acl: oss.ObjectACLPrivate}); err != nil {
		t.Fatal(err)
	}
	res, err := c.GetObjectAcl(ctx, &oss.GetObjectAclRequest{Bucket: oss.Ptr("mixed"), Key: oss.Ptr("open.txt")})
	if err != nil || oss.ToString(res.ACL) != "private" || anon("open.txt") != 403 {
		t.Errorf("after PutObjectAcl private: acl %v err %v; want private and anonymous 403", res, err)
	}
}
