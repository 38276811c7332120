package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"
)

// grantBody is the function's success response.
type grantBody struct {
	AccessKeyID     string `json:"AccessKeyId"`
	AccessKeySecret string
	SecurityToken   string
	Expiration      string
	Region          string
	Bucket          string
	Endpoint        string
	Prefix          string
}

func (st *stack) fetch(t testing.TB, sub, query string) grantBody {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, st.fnURL+"/"+query, nil)
	req.Header.Set("Authorization", "Bearer "+token(t, sub, st.clock.Now()))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sts-token status = %d; want 200 (%s)", resp.StatusCode, body)
	}
	var g grantBody
	if err := json.Unmarshal(body, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// ossClient is the official OSS SDK configured from the response alone.
func ossClient(g grantBody) *oss.Client {
	return oss.NewClient(oss.LoadDefaultConfig().
		WithCredentialsProvider(credentials.NewStaticCredentialsProvider(g.AccessKeyID, g.AccessKeySecret, g.SecurityToken)).
		WithRegion(g.Region).WithEndpoint(g.Endpoint).WithUsePathStyle(true).WithRetryMaxAttempts(1))
}

func ossCode(err error) (string, int) {
	var se *oss.ServiceError
	if errors.As(err, &se) {
		return se.Code, se.StatusCode
	}
	return "", 0
}

// TestEndToEndWithTheOSSSDK: credentials minted for u1 upload to
// uploads/u1/ and are refused everywhere else, and once expired.
func TestEndToEndWithTheOSSSDK(t *testing.T) {
	st := newStack(t, "upload", "read")
	g := st.fetch(t, "u1", "")
	if g.Prefix != "uploads/u1/" || g.Bucket != bucket {
		t.Fatalf("grant prefix %q bucket %q; want uploads/u1/ in %s", g.Prefix, g.Bucket, bucket)
	}
	c := ossClient(g)
	ctx := context.Background()
	put := func(b, key string) error {
		_, err := c.PutObject(ctx, &oss.PutObjectRequest{Bucket: oss.Ptr(b), Key: oss.Ptr(key), Body: bytes.NewReader([]byte("jpeg bytes"))})
		return err
	}
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"put own prefix", func() error { return put(bucket, g.Prefix+"a.jpg") }, ""},
		{"put nested under own prefix", func() error { return put(bucket, g.Prefix+"2026/11/b.jpg") }, ""},
		{"put other user's prefix", func() error { return put(bucket, "uploads/u2/x") }, "AccessDenied"},
		{"put prefix lookalike", func() error { return put(bucket, "uploads/u10/x") }, "AccessDenied"},
		{"put outside uploads", func() error { return put(bucket, "thumbs/u1/x") }, "AccessDenied"},
		{"put another bucket", func() error { return put("other-bucket", g.Prefix+"a.jpg") }, "AccessDenied"},
		{"delete own object", func() error {
			_, err := c.DeleteObject(ctx, &oss.DeleteObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(g.Prefix + "a.jpg")})
			return err
		}, "AccessDenied"},
		{"read with an upload grant", func() error {
			_, err := c.GetObject(ctx, &oss.GetObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(g.Prefix + "a.jpg")})
			return err
		}, "AccessDenied"},
		{"list the bucket", func() error {
			_, err := c.ListObjectsV2(ctx, &oss.ListObjectsV2Request{Bucket: oss.Ptr(bucket)})
			return err
		}, "AccessDenied"},
		{"multipart under own prefix", func() error {
			up, err := c.InitiateMultipartUpload(ctx, &oss.InitiateMultipartUploadRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(g.Prefix + "big.bin")})
			if err != nil {
				return err
			}
			part, err := c.UploadPart(ctx, &oss.UploadPartRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(g.Prefix + "big.bin"), UploadId: up.UploadId, PartNumber: 1, Body: bytes.NewReader([]byte("part"))})
			if err != nil {
				return err
			}
			_, err = c.CompleteMultipartUpload(ctx, &oss.CompleteMultipartUploadRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(g.Prefix + "big.bin"), UploadId: up.UploadId,
				CompleteMultipartUpload: &oss.CompleteMultipartUpload{Parts: []oss.UploadPart{{PartNumber: 1, ETag: part.ETag}}}})
			return err
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			code, status := ossCode(err)
			if code != tt.want || (tt.want == "" && err != nil) {
				t.Fatalf("code = %q (%v); want %q", code, err, tt.want)
			}
			if tt.want != "" && status != http.StatusForbidden {
				t.Errorf("status = %d; want 403", status)
			}
		})
	}
	t.Run("objects landed where they should", func(t *testing.T) {
		admin := ossClient(grantBody{AccessKeyID: st.oss.AccessKeyID, AccessKeySecret: st.oss.AccessKeySecret, Region: st.oss.Region, Endpoint: st.oss.URL})
		for key, want := range map[string]bool{"uploads/u1/a.jpg": true, "uploads/u1/big.bin": true, "uploads/u2/x": false, "uploads/u1/stolen": false} {
			_, err := admin.HeadObject(ctx, &oss.HeadObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(key)})
			if (err == nil) != want {
				t.Errorf("HeadObject %s: err = %v; want exists = %v", key, err, want)
			}
		}
	})
	t.Run("read profile reads own uploads only", func(t *testing.T) {
		rc := ossClient(st.fetch(t, "u1", "?profile=read"))
		if _, err := rc.GetObject(ctx, &oss.GetObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr("uploads/u1/a.jpg")}); err != nil {
			t.Errorf("get own upload: %v", err)
		}
		_, err := rc.PutObject(ctx, &oss.PutObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr("uploads/u1/c.jpg"), Body: bytes.NewReader(nil)})
		if code, _ := ossCode(err); code != "AccessDenied" {
			t.Errorf("put with a read grant: %v; want AccessDenied", err)
		}
	})
	t.Run("after expiry", func(t *testing.T) {
		// STS issues from 14 minutes ago, so the 15-minute set has one
		// minute left; then OSS and the function move two minutes on.
		st.stsClock.Advance(-14 * time.Minute)
		short := st.fetch(t, "u3", "")
		st.stsClock.Advance(14 * time.Minute)
		if err := ossPut(ossClient(short), short.Prefix+"early.jpg"); err != nil {
			t.Fatalf("put before expiry: %v", err)
		}
		st.clock.Advance(2 * time.Minute)
		err := ossPut(ossClient(short), short.Prefix+"late.jpg")
		if code, status := ossCode(err); code != "SecurityTokenExpired" || status != http.StatusForbidden {
			t.Errorf("put after expiry = %q %d (%v); want 403 SecurityTokenExpired", code, status, err)
		}
		fresh := st.fetch(t, "u3", "")
		if fresh.AccessKeyID == short.AccessKeyID {
			t.Fatal("the function served an expired set from its cache")
		}
		if err := ossPut(ossClient(fresh), fresh.Prefix+"late.jpg"); err != nil {
			t.Errorf("put with the fresh set: %v", err)
		}
	})
}

func ossPut(c *oss.Client, key string) error {
	_, err := c.PutObject(context.Background(), &oss.PutObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(key), Body: bytes.NewReader([]byte("x"))})
	return err
}

// TestConcurrentCallsMakeOneAssumeRole: a burst for one identity reaches
// STS once; the cache answers the rest.
func TestConcurrentCallsMakeOneAssumeRole(t *testing.T) {
	st := newStack(t)
	const n = 40
	var wg sync.WaitGroup
	ids := make(chan string, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids <- st.fetch(t, "burst-user", "").AccessKeyID
		}()
	}
	wg.Wait()
	close(ids)
	if got := st.assumes.Load(); got != 1 {
		t.Errorf("%d concurrent calls made %d AssumeRole calls; want 1", n, got)
	}
	first := ""
	for id := range ids {
		if first == "" {
			first = id
		}
		if id != first {
			t.Errorf("callers got different credentials %q and %q", first, id)
		}
	}
}

// TestThrottledSTS: with a usable cached set the caller still gets it;
// without one the answer is 503 with Retry-After.
func TestThrottledSTS(t *testing.T) {
	st := newStack(t)
	g := st.fetch(t, "u1", "")
	st.throttle.Store(true)
	st.clock.Advance(11 * time.Minute) // due for refresh, 4 min of life left
	if again := st.fetch(t, "u1", ""); again.AccessKeyID != g.AccessKeyID {
		t.Errorf("throttled STS: got a different set %q; want the cached %q", again.AccessKeyID, g.AccessKeyID)
	}
	req, _ := http.NewRequest(http.MethodPost, st.fnURL+"/", nil)
	req.Header.Set("Authorization", "Bearer "+token(t, "u2", st.clock.Now()))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("throttled, nothing cached: status = %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
