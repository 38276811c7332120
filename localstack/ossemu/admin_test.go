package ossemu_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

const adminKey = "ossemu-admin-test-key"

func adminCall(t *testing.T, srv *ossemutest.Server, method, path, key, body string, header map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+ossemu.AdminPathPrefix+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

func adminServer(t *testing.T) *ossemutest.Server {
	return ossemutest.NewServer(t, ossemutest.WithAdminKey(adminKey))
}

func TestAdminSeedAgedObject(t *testing.T) {
	srv := adminServer(t)
	aged := map[string]string{"x-oss-storage-class": "IA", ossemu.HeaderLastModified: "2020-01-02T03:04:05Z",
		"Content-Type": "text/csv", "x-oss-meta-owner": "audit"}
	tests := []struct {
		name, method, path, key, body string
		header                        map[string]string
		status                        int
	}{
		{"no key", "PUT", "buckets/logs", "", "", nil, 403},
		{"wrong key", "PUT", "buckets/logs", "not-the-key", "", nil, 403},
		{"create bucket", "PUT", "buckets/logs", adminKey, "", nil, 200},
		{"create bucket twice", "PUT", "buckets/logs", adminKey, "", nil, 409},
		{"bad bucket name", "PUT", "buckets/Logs", adminKey, "", nil, 400},
		{"seed aged object", "PUT", "objects/logs/2020/app.csv", adminKey, "a,b\n", aged, 200},
		{"seed into missing bucket", "PUT", "objects/nope/x", adminKey, "x", nil, 404},
		{"bad storage class", "PUT", "objects/logs/x", adminKey, "x", map[string]string{"x-oss-storage-class": "Frozen"}, 400},
		{"bad last-modified", "PUT", "objects/logs/x", adminKey, "x", map[string]string{ossemu.HeaderLastModified: "yesterday"}, 400},
		{"unknown endpoint", "GET", "everything", adminKey, "", nil, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := adminCall(t, srv, tt.method, tt.path, tt.key, tt.body, tt.header)
			if status != tt.status {
				t.Fatalf("status = %d (%s); want %d", status, body, tt.status)
			}
			if strings.Contains(body, adminKey) {
				t.Errorf("answer echoes the admin key")
			}
		})
	}
	head, err := goodClient(srv).HeadObject(context.Background(), &oss.HeadObjectRequest{Bucket: oss.Ptr("logs"), Key: oss.Ptr("2020/app.csv")})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if oss.ToString(head.StorageClass) != "IA" || !oss.ToTime(head.LastModified).Equal(want) ||
		oss.ToString(head.ContentType) != "text/csv" || head.Metadata["owner"] != "audit" {
		t.Errorf("head = class %s, modified %s, type %s, meta %v; want IA, %s, text/csv, owner=audit",
			oss.ToString(head.StorageClass), oss.ToTime(head.LastModified), oss.ToString(head.ContentType), head.Metadata, want)
	}
}

func TestAdminFaultsEndpoint(t *testing.T) {
	srv := adminServer(t)
	srv.MustBucket(t, "photos")
	plan := `{"seed":1,"rules":[{"operation":"PutObject","kind":"unavailable","rate":1}]}`
	tests := []struct {
		name, method, key, body string
		status                  int
		putCode                 string // what a PutObject answers afterwards
	}{
		{"no key", "PUT", "", plan, 403, ""},
		{"bad plan", "PUT", adminKey, `{"rules":[{"operation":"PutObject","kind":"unavailable","rate":2}]}`, 400, ""},
		{"unknown field", "PUT", adminKey, `{"rulez":[]}`, 400, ""},
		{"set plan", "PUT", adminKey, plan, 200, "ServiceUnavailable"},
		{"read plan", "GET", adminKey, "", 200, "ServiceUnavailable"},
		{"clear plan", "DELETE", adminKey, "", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := adminCall(t, srv, tt.method, "faults", tt.key, tt.body, nil)
			if status != tt.status {
				t.Fatalf("status = %d (%s); want %d", status, body, tt.status)
			}
			if status == 200 {
				var got ossemu.FaultPlan
				if err := json.Unmarshal([]byte(body), &got); err != nil {
					t.Fatalf("answer %q: %v", body, err)
				}
				if (len(got.Rules) == 1) != (tt.putCode != "") {
					t.Errorf("plan in force = %+v", got)
				}
			}
			_, err := goodClient(srv).PutObject(context.Background(), &oss.PutObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("a"), Body: strings.NewReader("x")})
			if code, _ := serviceCode(err); code != tt.putCode {
				t.Errorf("put afterwards = %q (%v); want %q", code, err, tt.putCode)
			}
		})
	}
}

func TestAdminDisabledWithoutKey(t *testing.T) {
	srv := ossemutest.NewServer(t)
	if status, _ := adminCall(t, srv, "PUT", "buckets/logs", "", "", nil); status != 403 {
		t.Errorf("status = %d; want 403", status)
	}
	if status, _ := adminCall(t, srv, "PUT", "buckets/logs", "Bearer ", "", nil); status != 403 {
		t.Errorf("empty admin key accepted: status = %d; want 403", status)
	}
}
