package ossemu_test

import (
	"context"
	"io"
	"testing"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func setVersioning(t *testing.T, c *oss.Client, bucket, status string) {
	t.Helper()
	if _, err := c.PutBucketVersioning(context.Background(), &oss.PutBucketVersioningRequest{Bucket: oss.Ptr(bucket),
		VersioningConfiguration: &oss.VersioningConfiguration{Status: oss.VersioningStatusType(status)}}); err != nil {
		t.Fatalf("put versioning %s: %v", status, err)
	}
}

func getVersion(t *testing.T, c *oss.Client, key, id string) (string, string, int) {
	t.Helper()
	req := &oss.GetObjectRequest{Bucket: oss.Ptr("docs"), Key: oss.Ptr(key)}
	if id != "" {
		req.VersionId = oss.Ptr(id)
	}
	res, err := c.GetObject(context.Background(), req)
	if err != nil {
		code, status := serviceCode(err)
		return "", code, status
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if id != "" && oss.ToString(res.VersionId) != id {
		t.Errorf("get %s?versionId=%s answered version %s", key, id, oss.ToString(res.VersionId))
	}
	return string(data), "", 200
}

// versionsOf lists key's versions newest first as "id" or "marker:id",
// paging two entries at a time.
func versionsOf(t *testing.T, c *oss.Client, key string) []string {
	t.Helper()
	var out []string
	p := c.NewListObjectVersionsPaginator(&oss.ListObjectVersionsRequest{Bucket: oss.Ptr("docs"), Prefix: oss.Ptr(key), MaxKeys: 2})
	for p.HasNext() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("list versions: %v", err)
		}
		// The SDK splits a page into markers and versions; in these tests
		// a marker is only ever the newest entry, so it goes first.
		for _, m := range page.ObjectDeleteMarkers {
			out = append(out, "marker:"+oss.ToString(m.VersionId))
		}
		for _, v := range page.ObjectVersions {
			out = append(out, oss.ToString(v.VersionId))
		}
	}
	return out
}

func TestSDKVersioning(t *testing.T) {
	dir := t.TempDir()
	srv := ossemutest.NewServer(t, ossemutest.WithDataDir(dir))
	srv.MustBucket(t, "docs")
	c := goodClient(srv)
	ctx := context.Background()
	v, err := c.GetBucketVersioning(ctx, &oss.GetBucketVersioningRequest{Bucket: oss.Ptr("docs")})
	if err != nil || v.VersionStatus != nil {
		t.Fatalf("fresh bucket versioning = %v %v; want no status", v, err)
	}
	if res := put(t, c, "docs", "a.txt", []byte("original")); res.VersionId != nil {
		t.Errorf("unversioned put answered version %s", oss.ToString(res.VersionId))
	}
	setVersioning(t, c, "docs", "Enabled")
	if v, _ := c.GetBucketVersioning(ctx, &oss.GetBucketVersioningRequest{Bucket: oss.Ptr("docs")}); oss.ToString(v.VersionStatus) != "Enabled" {
		t.Fatalf("versioning = %s; want Enabled", oss.ToString(v.VersionStatus))
	}
	v1 := oss.ToString(put(t, c, "docs", "a.txt", []byte("first")).VersionId)
	v2 := oss.ToString(put(t, c, "docs", "a.txt", []byte("second")).VersionId)
	if v1 == "" || v2 == "" || v1 == v2 || v1 == "null" {
		t.Fatalf("version ids %q, %q; want two distinct real ids", v1, v2)
	}
	if evs := srv.Events(); len(evs) == 0 || evs[len(evs)-1].VersionID != v2 {
		t.Errorf("last event = %+v; want the put of version %s", evs[len(evs)-1], v2)
	}
	del, err := c.DeleteObject(ctx, &oss.DeleteObjectRequest{Bucket: oss.Ptr("docs"), Key: oss.Ptr("a.txt")})
	if err != nil || !del.DeleteMarker || oss.ToString(del.VersionId) == "" {
		t.Fatalf("delete = %+v %v; want a delete marker with a version id", del, err)
	}
	marker := oss.ToString(del.VersionId)

	tests := []struct {
		name, id, body, code string
		status               int
	}{
		{"current is the delete marker", "", "", "NoSuchKey", 404},
		{"newest version", v2, "second", "", 200},
		{"older version", v1, "first", "", 200},
		{"pre-versioning object", "null", "original", "", 200},
		{"the marker itself", marker, "", "MethodNotAllowed", 405},
		{"unknown version", "CAEQnope", "", "NoSuchVersion", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, code, status := getVersion(t, c, "a.txt", tt.id)
			if body != tt.body || code != tt.code || status != tt.status {
				t.Errorf("get = %d %s %q; want %d %s %q", status, code, body, tt.status, tt.code, tt.body)
			}
		})
	}
	want := []string{"marker:" + marker, v2, v1, "null"}
	if got := versionsOf(t, c, "a.txt"); !equalStrings(got, want) {
		t.Errorf("versions = %v; want %v", got, want)
	}
	list, err := c.ListObjectsV2(ctx, &oss.ListObjectsV2Request{Bucket: oss.Ptr("docs")})
	if err != nil || len(list.Contents) != 0 {
		t.Errorf("listing shows %d objects behind a delete marker (%v); want 0", len(list.Contents), err)
	}
	if _, err := c.DeleteBucket(ctx, &oss.DeleteBucketRequest{Bucket: oss.Ptr("docs")}); func() string { c, _ := serviceCode(err); return c }() != "BucketNotEmpty" {
		t.Errorf("delete bucket holding only versions = %v; want BucketNotEmpty", err)
	}

	// Removing the marker brings the newest version back; removing that
	// version leaves the one before it current.
	if d, err := c.DeleteObject(ctx, &oss.DeleteObjectRequest{Bucket: oss.Ptr("docs"), Key: oss.Ptr("a.txt"), VersionId: oss.Ptr(marker)}); err != nil || !d.DeleteMarker {
		t.Fatalf("delete marker by id = %+v %v", d, err)
	}
	if body, _, _ := getVersion(t, c, "a.txt", ""); body != "second" {
		t.Errorf("after removing the marker current = %q; want second", body)
	}
	if _, err := c.DeleteMultipleObjects(ctx, &oss.DeleteMultipleObjectsRequest{Bucket: oss.Ptr("docs"),
		Objects: []oss.DeleteObject{{Key: oss.Ptr("a.txt"), VersionId: oss.Ptr(v2)}}}); err != nil {
		t.Fatal(err)
	}
	if body, _, _ := getVersion(t, c, "a.txt", ""); body != "first" {
		t.Errorf("after removing v2 current = %q; want first", body)
	}

	// An old version can be copied back into place.
	if _, err := c.CopyObject(ctx, &oss.CopyObjectRequest{Bucket: oss.Ptr("docs"), Key: oss.Ptr("restored.txt"),
		SourceKey: oss.Ptr("a.txt"), SourceVersionId: oss.Ptr("null")}); err != nil {
		t.Fatalf("copy version null: %v", err)
	}
	if body, _, _ := getVersion(t, c, "restored.txt", ""); body != "original" {
		t.Errorf("copy of version null = %q; want original", body)
	}

	// Suspended: writes replace the single "null" version.
	setVersioning(t, c, "docs", "Suspended")
	if id := oss.ToString(put(t, c, "docs", "a.txt", []byte("suspended")).VersionId); id != "null" {
		t.Errorf("suspended put version = %q; want null", id)
	}
	if got, want := versionsOf(t, c, "a.txt"), []string{"null", v1}; !equalStrings(got, want) {
		t.Errorf("versions after suspended put = %v; want %v", got, want)
	}

	// Everything survives a restart over the same data dir.
	again := ossemutest.NewServer(t, ossemutest.WithDataDir(dir))
	c2 := goodClient(again)
	if body, _, _ := getVersion(t, c2, "a.txt", v1); body != "first" {
		t.Errorf("after restart v1 = %q; want first", body)
	}
	if body, _, _ := getVersion(t, c2, "a.txt", ""); body != "suspended" {
		t.Errorf("after restart current = %q; want suspended", body)
	}
}

func TestVersioningRejectsBadStatus(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "docs")
	_, err := goodClient(srv).PutBucketVersioning(context.Background(), &oss.PutBucketVersioningRequest{Bucket: oss.Ptr("docs"),
		VersioningConfiguration: &oss.VersioningConfiguration{Status: "Off"}})
	if code, status := serviceCode(err); code != "InvalidArgument" || status != 400 {
		t.Errorf("put versioning Off = %s %d; want InvalidArgument 400", code, status)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
