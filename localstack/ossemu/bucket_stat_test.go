package ossemu_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/ossemu/ossemutest"
)

func TestBucketStat(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "audit")
	newest := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	seeds := []struct {
		key   string
		size  int
		class string
		at    time.Time
	}{
		{"std", 1000, "Standard", newest.Add(-time.Hour)},
		{"ia-small", 1000, "IA", newest},
		{"ia-big", 100 << 10, "IA", newest.Add(-48 * time.Hour)},
		{"arch", 10, "Archive", newest.Add(-72 * time.Hour)},
	}
	for _, s := range seeds {
		if err := srv.SeedObject("audit", s.key, bytes.Repeat([]byte("x"), s.size), ossemu.SeedInfo{StorageClass: s.class, LastModified: s.at}); err != nil {
			t.Fatal(err)
		}
	}
	c := goodClient(srv)
	if _, err := c.InitiateMultipartUpload(context.Background(), &oss.InitiateMultipartUploadRequest{Bucket: oss.Ptr("audit"), Key: oss.Ptr("big")}); err != nil {
		t.Fatal(err)
	}
	st, err := c.GetBucketStat(context.Background(), &oss.GetBucketStatRequest{Bucket: oss.Ptr("audit")})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want int64
	}{
		{"ObjectCount", st.ObjectCount, 4},
		{"Storage", st.Storage, 1000 + 1000 + 100<<10 + 10},
		{"StandardStorage", st.StandardStorage, 1000},
		{"InfrequentAccessObjectCount", st.InfrequentAccessObjectCount, 2},
		{"InfrequentAccessStorage (billed, 64 KB minimum)", st.InfrequentAccessStorage, 64<<10 + 100<<10},
		{"InfrequentAccessRealStorage", st.InfrequentAccessRealStorage, 1000 + 100<<10},
		{"ArchiveStorage (billed)", st.ArchiveStorage, 64 << 10},
		{"ArchiveRealStorage", st.ArchiveRealStorage, 10},
		{"MultipartUploadCount", st.MultipartUploadCount, 1},
		{"LastModifiedTime", st.LastModifiedTime, newest.Unix()},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %d; want %d", ch.name, ch.got, ch.want)
		}
	}
}

func TestListObjectVersionsOnUnversionedBucket(t *testing.T) {
	srv := ossemutest.NewServer(t)
	srv.MustBucket(t, "audit")
	for _, k := range []string{"a", "b/1", "b/2", "c"} {
		if err := srv.SeedObject("audit", k, []byte(k)); err != nil {
			t.Fatal(err)
		}
	}
	p := goodClient(srv).NewListObjectVersionsPaginator(&oss.ListObjectVersionsRequest{
		Bucket: oss.Ptr("audit"), Delimiter: oss.Ptr("/"), MaxKeys: 2,
	})
	var got []string
	for p.HasNext() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range page.ObjectVersions {
			if oss.ToString(v.VersionId) != "null" || !v.IsLatest {
				t.Errorf("version of %s = %q latest %v; want null, latest", oss.ToString(v.Key), oss.ToString(v.VersionId), v.IsLatest)
			}
			got = append(got, oss.ToString(v.Key))
		}
		for _, cp := range page.CommonPrefixes {
			got = append(got, oss.ToString(cp.Prefix))
		}
	}
	if want := "a b/ c"; strings.Join(got, " ") != want {
		t.Errorf("versions = %q; want %q", got, want)
	}
	_, err := goodClient(srv).ListBucketInventory(context.Background(), &oss.ListBucketInventoryRequest{Bucket: oss.Ptr("audit")})
	if code, status := serviceCode(err); code != "NoSuchInventory" || status != 404 {
		t.Errorf("list inventory = %s %d; want NoSuchInventory 404", code, status)
	}
}
