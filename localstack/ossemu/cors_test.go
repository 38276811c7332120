package ossemu_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func preflightReq(t *testing.T, url, origin, method, headers string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodOptions, url, nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", method)
	if headers != "" {
		req.Header.Set("Access-Control-Request-Headers", headers)
	}
	return do(t, req)
}

func TestCORS(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "web")
	if err := srv.SeedObject("web", "a.txt", []byte("hi")); err != nil {
		t.Fatal(err)
	}
	c := goodClient(srv)
	ctx := context.Background()
	url := srv.URL + "/web/a.txt"

	// Without rules every preflight fails, as on a fresh OSS bucket.
	resp := preflightReq(t, url, "http://app.localhost:3000", "PUT", "")
	if x := readError(t, resp); resp.StatusCode != 403 || x.Code != "AccessForbidden" {
		t.Fatalf("preflight without CORS = %d %s; want 403 AccessForbidden", resp.StatusCode, x.Code)
	}
	_, err := c.GetBucketCors(ctx, &oss.GetBucketCorsRequest{Bucket: oss.Ptr("web")})
	if code, status := serviceCode(err); code != "NoSuchCORSConfiguration" || status != 404 {
		t.Errorf("get cors before put = %s %d; want NoSuchCORSConfiguration 404", code, status)
	}
	if _, err := c.PutBucketCors(ctx, &oss.PutBucketCorsRequest{Bucket: oss.Ptr("web"), CORSConfiguration: &oss.CORSConfiguration{
		CORSRules: []oss.CORSRule{{
			AllowedOrigins: []string{"http://*.localhost:3000"}, AllowedMethods: []string{"PUT", "GET", "POST"},
			AllowedHeaders: []string{"content-type", "x-oss-*"}, ExposeHeaders: []string{"ETag", "x-oss-request-id"},
			MaxAgeSeconds: oss.Ptr(int64(600)),
		}},
	}}); err != nil {
		t.Fatalf("put cors: %v", err)
	}
	tests := []struct {
		origin, method, headers string
		status                  int
	}{
		{"http://app.localhost:3000", "PUT", "Content-Type, x-oss-meta-owner", 200},
		{"http://evil.example", "PUT", "", 403},
		{"http://app.localhost:3000", "DELETE", "", 403},
		{"http://app.localhost:3000", "PUT", "authorization", 403},
	}
	for _, tt := range tests {
		resp := preflightReq(t, url, tt.origin, tt.method, tt.headers)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("preflight %s %s [%s] = %d; want %d", tt.origin, tt.method, tt.headers, resp.StatusCode, tt.status)
			continue
		}
		if tt.status == 200 && (resp.Header.Get("Access-Control-Allow-Origin") != tt.origin ||
			resp.Header.Get("Access-Control-Max-Age") != "600" || resp.Header.Get("Access-Control-Expose-Headers") != "ETag, x-oss-request-id") {
			t.Errorf("preflight headers = %v; want origin echoed, max-age 600, ETag exposed", resp.Header)
		}
	}
	// A browser's actual request gets the headers too, so it may read ETag.
	get := signedWith(t, srv, "GET", "web", "a.txt", "", map[string]string{"Origin": "http://app.localhost:3000"})
	resp = do(t, get)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "http://app.localhost:3000" {
		t.Errorf("actual GET = %d allow-origin %q; want 200 and the origin", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	if _, err := c.DeleteBucketCors(ctx, &oss.DeleteBucketCorsRequest{Bucket: oss.Ptr("web")}); err != nil {
		t.Fatal(err)
	}
	resp = preflightReq(t, url, "http://app.localhost:3000", "PUT", "")
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("preflight after delete = %d; want 403", resp.StatusCode)
	}
}
