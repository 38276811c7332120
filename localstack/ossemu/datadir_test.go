package ossemu_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func inDir(dir string) func(*ossemu.Config) { return ossemutest.WithDataDir(dir) }

func TestDataDirSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	first := ossemutest.NewServer(t, inDir(dir))
	c := goodClient(first)
	if _, err := c.PutBucket(context.Background(), &oss.PutBucketRequest{Bucket: oss.Ptr("photos")}); err != nil {
		t.Fatal(err)
	}
	put(t, c, "photos", "keep.txt", []byte("v1"))
	put(t, c, "photos", "keep.txt", []byte("v2")) // replaced: the old body must go
	put(t, c, "photos", "gone.txt", []byte("x"))
	if _, err := c.DeleteObject(context.Background(), &oss.DeleteObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("gone.txt")}); err != nil {
		t.Fatal(err)
	}
	aged := time.Date(2020, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := first.SeedObject("photos", "old.log", []byte("old"), ossemu.SeedInfo{StorageClass: "IA", LastModified: aged}); err != nil {
		t.Fatal(err)
	}

	second := ossemutest.NewServer(t, inDir(dir))
	c2 := goodClient(second)
	if got := get(t, c2, "photos", "keep.txt"); string(got) != "v2" {
		t.Errorf("after restart keep.txt = %q; want v2", got)
	}
	_, err := c2.HeadObject(context.Background(), &oss.HeadObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("gone.txt")})
	if code, _ := serviceCode(err); code != "NoSuchKey" {
		t.Errorf("after restart deleted object = %s; want NoSuchKey", code)
	}
	head, err := c2.HeadObject(context.Background(), &oss.HeadObjectRequest{Bucket: oss.Ptr("photos"), Key: oss.Ptr("old.log")})
	if err != nil || oss.ToString(head.StorageClass) != "IA" || !oss.ToTime(head.LastModified).Equal(aged) {
		t.Errorf("after restart old.log = %v class %q modified %v; want IA %v", err, oss.ToString(head.StorageClass), oss.ToTime(head.LastModified), aged)
	}
	blobs, _ := os.ReadDir(filepath.Join(dir, "blobs"))
	if len(blobs) != 2 {
		t.Errorf("blobs on disk = %d; want 2 (replaced and deleted bodies removed)", len(blobs))
	}
}

func TestDataDirIgnoresTornWrites(t *testing.T) {
	dir := t.TempDir()
	first := ossemutest.NewServer(t, inDir(dir))
	first.MustBucket(t, "photos")
	if err := first.SeedObject("photos", "a.txt", []byte("intact")); err != nil {
		t.Fatal(err)
	}
	// A crash mid-write leaves a temp file; a crash between body and
	// metadata leaves a body nobody names; a torn metadata file cannot
	// exist (rename), but garbage in the objects dir must not be trusted.
	mustWrite(t, filepath.Join(dir, "tmp", "blob-123"), "half a bo")
	mustWrite(t, filepath.Join(dir, "blobs", "orphan"), "unreferenced")
	mustWrite(t, filepath.Join(dir, "buckets", "photos", "objects", "junk.json"), `{"key":`)

	second := ossemutest.NewServer(t, inDir(dir))
	c := goodClient(second)
	if got := get(t, c, "photos", "a.txt"); string(got) != "intact" {
		t.Errorf("a.txt = %q; want intact", got)
	}
	list, err := c.ListObjectsV2(context.Background(), &oss.ListObjectsV2Request{Bucket: oss.Ptr("photos")})
	if err != nil || len(list.Contents) != 1 {
		t.Fatalf("list = %v, %d objects; want exactly a.txt", err, len(list.Contents))
	}
	for _, p := range []string{filepath.Join(dir, "tmp", "blob-123"), filepath.Join(dir, "blobs", "orphan")} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s still exists after start; want it cleaned up", filepath.Base(p))
		}
	}
}

func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestConfigValidation(t *testing.T) {
	tests := []struct {
		name string
		cfg  ossemu.Config
	}{
		{"no keys", ossemu.Config{}},
		{"empty secret", ossemu.Config{AccessKeys: map[string]string{"id": ""}}},
		{"negative size", ossemu.Config{AccessKeys: map[string]string{"id": "s"}, MaxObjectSize: -1}},
		{"bad region", ossemu.Config{AccessKeys: map[string]string{"id": "s"}, Region: "cn hangzhou"}},
	}
	for _, tt := range tests {
		if _, err := ossemu.New(tt.cfg); err == nil {
			t.Errorf("New(%s) succeeded; want a configuration error", tt.name)
		}
	}
}

func TestRefusedWritesLeaveNothingOnDisk(t *testing.T) {
	dir := t.TempDir()
	srv := ossemutest.NewServer(t, inDir(dir), ossemutest.WithMaxObjectSize(8))
	srv.MustBucket(t, "photos")
	wrong := base64.StdEncoding.EncodeToString(md5sum("other"))
	for _, req := range []*http.Request{
		signedWith(t, srv, "PUT", "photos", "a", "payload", map[string]string{"Content-MD5": wrong}),
		signedWith(t, srv, "PUT", "photos", "b", "far too large", nil),
	} {
		resp := do(t, req)
		resp.Body.Close()
		if resp.StatusCode != 400 {
			t.Fatalf("refused put status = %d; want 400", resp.StatusCode)
		}
	}
	for _, sub := range []string{"blobs", "tmp"} {
		if ents, _ := os.ReadDir(filepath.Join(dir, sub)); len(ents) != 0 {
			t.Errorf("%s holds %d files after refused writes; want 0", sub, len(ents))
		}
	}
}
