package ossclient

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

func TestListObjectVersions(t *testing.T) {
	var query string
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		w.Header().Set("Content-Type", "application/xml")
		w.Write([]byte(`<ListVersionsResult><Name>bkt</Name><IsTruncated>true</IsTruncated>
<NextKeyMarker>b</NextKeyMarker><NextVersionIdMarker>v9</NextVersionIdMarker>
<DeleteMarker><Key>a</Key><VersionId>v3</VersionId><IsLatest>true</IsLatest><LastModified>2024-10-31T00:24:17.000Z</LastModified></DeleteMarker>
<Version><Key>a</Key><VersionId>v2</VersionId><IsLatest>false</IsLatest><LastModified>2024-10-30T00:00:00.000Z</LastModified>
<ETag>"E1"</ETag><Type>Normal</Type><Size>70000</Size><StorageClass>ColdArchive</StorageClass>
<TransitionTime>2024-10-31T00:24:17.000Z</TransitionTime><RestoreInfo>ongoing-request="true"</RestoreInfo></Version>
</ListVersionsResult>`))
	}))
	page, err := c.ListObjectVersions(context.Background(), mustBucket(t, "bkt"), osskit.VersionListOptions{Prefix: "a", KeyMarker: "0", MaxKeys: 2})
	if err != nil {
		t.Fatalf("ListObjectVersions: %v", err)
	}
	if len(page.Versions) != 2 || !page.IsTruncated || page.NextKeyMarker != "b" || page.NextVersionIDMarker != "v9" {
		t.Fatalf("page = %+v", page)
	}
	dm, v := page.Versions[0], page.Versions[1]
	if !dm.DeleteMarker || !dm.IsLatest || dm.VersionID != "v3" {
		t.Errorf("first entry = %+v; want the latest delete marker v3 (store order kept)", dm)
	}
	if v.DeleteMarker || v.IsLatest || v.Size != 70000 || v.ETag != "E1" || v.StorageClass != osskit.ColdArchive ||
		!v.TransitionTime.Equal(time.Date(2024, 10, 31, 0, 24, 17, 0, time.UTC)) || v.Restore == nil || !v.Restore.Ongoing {
		t.Errorf("version = %+v", v)
	}
	if end, ok := v.MinDurationEnds(); !ok || !end.Equal(v.TransitionTime.AddDate(0, 0, 180)) {
		t.Errorf("MinDurationEnds = %v, %v; want transition + 180 days", end, ok)
	}
	if query == "" {
		t.Error("no query sent")
	}
}

func TestListMultipartUploads(t *testing.T) {
	c := newTestClient(t, xmlHandler(t, 200, `<ListMultipartUploadsResult><Bucket>bkt</Bucket><IsTruncated>false</IsTruncated>
<Upload><Key>big.bin</Key><UploadId>U1</UploadId><Initiated>2026-01-02T03:04:05.000Z</Initiated></Upload>
</ListMultipartUploadsResult>`))
	page, err := c.ListMultipartUploads(context.Background(), mustBucket(t, "bkt"), osskit.UploadListOptions{})
	if err != nil {
		t.Fatalf("ListMultipartUploads: %v", err)
	}
	want := osskit.Upload{Key: "big.bin", UploadID: "U1", Initiated: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	if len(page.Uploads) != 1 || page.Uploads[0] != want || page.IsTruncated {
		t.Errorf("page = %+v; want one upload %+v", page, want)
	}
}
