package ossclient

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// xmlHandler answers every request with body and records the query.
func xmlHandler(t *testing.T, status int, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		w.Write([]byte(body))
	})
}

func TestGetBucketLifecycle(t *testing.T) {
	fixture, err := os.ReadFile("testdata/lifecycle.xml")
	if err != nil {
		t.Fatal(err)
	}
	c := newTestClient(t, xmlHandler(t, 200, string(fixture)))
	rules, err := c.GetBucketLifecycle(context.Background(), mustBucket(t, "bkt"))
	if err != nil {
		t.Fatalf("GetBucketLifecycle: %v", err)
	}
	if len(rules) != 3 {
		t.Fatalf("got %d rules; want 3", len(rules))
	}
	r := rules[0]
	if r.ID != "logs-tiering" || !r.Enabled() || r.Prefix != "logs/" || len(r.Tags) != 1 || r.Tags[0] != (osskit.Tag{Key: "team", Value: "ops"}) {
		t.Errorf("rule 0 head = %+v", r)
	}
	if len(r.Not) != 2 || r.Not[0].Prefix != "logs/keep/" || r.Not[0].Tag == nil || r.Not[0].Tag.Value != "yes" || r.Not[1].Tag != nil {
		t.Errorf("rule 0 Not = %+v; want two exclusions, the first with tag hold=yes", r.Not)
	}
	if r.ObjectSizeGreaterThan == nil || *r.ObjectSizeGreaterThan != 65536 || r.ObjectSizeLessThan == nil || *r.ObjectSizeLessThan != 1<<30 {
		t.Errorf("rule 0 size filters = %v, %v", r.ObjectSizeGreaterThan, r.ObjectSizeLessThan)
	}
	if len(r.Transitions) != 2 {
		t.Fatalf("rule 0 transitions = %+v", r.Transitions)
	}
	if tr := r.Transitions[0]; tr.Days != 30 || tr.StorageClass != osskit.IA || !tr.IsAccessTime || !tr.ReturnToStdWhenVisit || tr.AllowSmallFile != nil {
		t.Errorf("transition 0 = %+v; want 30 days to IA by access time, back to Standard on visit", tr)
	}
	if tr := r.Transitions[1]; tr.StorageClass != osskit.ColdArchive || tr.AllowSmallFile == nil || *tr.AllowSmallFile {
		t.Errorf("transition 1 = %+v; want ColdArchive with AllowSmallFile=false", tr)
	}
	if r.Expiration == nil || r.Expiration.Days != 365 || r.AbortMultipartUpload == nil || r.AbortMultipartUpload.Days != 7 ||
		r.NoncurrentVersionExpiration == nil || r.NoncurrentVersionExpiration.NoncurrentDays != 60 ||
		len(r.NoncurrentVersionTransitions) != 1 || r.NoncurrentVersionTransitions[0].StorageClass != osskit.Archive {
		t.Errorf("rule 0 actions = %+v", r)
	}
	if !r.AtimeBase.Equal(time.Unix(1631698332, 0)) {
		t.Errorf("AtimeBase = %v", r.AtimeBase)
	}
	if rules[1].Enabled() || !rules[1].Expiration.CreatedBeforeDate.Equal(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("rule 1 = %+v; want disabled, created before 2023-01-01", rules[1])
	}
	if !rules[2].Expiration.ExpiredObjectDeleteMarker || rules[2].Prefix != "" {
		t.Errorf("rule 2 = %+v; want whole-bucket delete-marker cleanup", rules[2])
	}
}

func TestGetBucketLifecycleNone(t *testing.T) {
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ossError(w, 404, "NoSuchLifecycle", "The lifecycle configuration does not exist.")
	}))
	rules, err := c.GetBucketLifecycle(context.Background(), mustBucket(t, "bkt"))
	if err != nil || rules != nil {
		t.Errorf("bucket without rules: %v, %v; want no rules, nil", rules, err)
	}
}

func TestGetBucketVersioning(t *testing.T) {
	for body, want := range map[string]osskit.Versioning{
		`<VersioningConfiguration/>`: osskit.VersioningOff,
		`<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`:   osskit.VersioningEnabled,
		`<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>`: osskit.VersioningSuspended,
	} {
		c := newTestClient(t, xmlHandler(t, 200, body))
		got, err := c.GetBucketVersioning(context.Background(), mustBucket(t, "bkt"))
		if err != nil || got != want {
			t.Errorf("%s: got %q, %v; want %q", body, got, err, want)
		}
	}
}

func TestGetBucketStat(t *testing.T) {
	c := newTestClient(t, xmlHandler(t, 200, `<BucketStat><Storage>1600</Storage><ObjectCount>230</ObjectCount>
<MultipartUploadCount>40</MultipartUploadCount><MultipartPartCount>4</MultipartPartCount><DeleteMarkerCount>2</DeleteMarkerCount>
<LastModifiedTime>1643341269</LastModifiedTime><StandardStorage>430</StandardStorage><StandardObjectCount>66</StandardObjectCount>
<InfrequentAccessStorage>2359296</InfrequentAccessStorage><InfrequentAccessRealStorage>360</InfrequentAccessRealStorage>
<InfrequentAccessObjectCount>54</InfrequentAccessObjectCount><DeepColdArchiveObjectCount>3</DeepColdArchiveObjectCount></BucketStat>`))
	st, err := c.GetBucketStat(context.Background(), mustBucket(t, "bkt"))
	if err != nil {
		t.Fatalf("GetBucketStat: %v", err)
	}
	ia := st.Classes[osskit.IA]
	if st.ObjectCount != 230 || st.MultipartPartCount != 4 || st.DeleteMarkerCount != 2 || ia.BilledBytes != 2359296 ||
		ia.RealBytes != 360 || st.Classes[osskit.DeepColdArchive].ObjectCount != 3 || !st.LastModified.Equal(time.Unix(1643341269, 0)) {
		t.Errorf("stat = %+v", st)
	}
}

func TestListBucketInventoryPages(t *testing.T) {
	calls := 0
	c := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Content-Type", "application/xml")
		id, more := "first", `<IsTruncated>true</IsTruncated><NextContinuationToken>tok2</NextContinuationToken>`
		if r.URL.Query().Get("continuation-token") == "tok2" {
			id, more = "second", `<IsTruncated>false</IsTruncated>`
		}
		w.Write([]byte(`<ListInventoryConfigurationsResult><InventoryConfiguration><Id>` + id + `</Id><IsEnabled>true</IsEnabled>
<Destination><OSSBucketDestination><Format>CSV</Format><AccountId>100</AccountId><RoleArn>acs:ram::100:role/inv</RoleArn>
<Bucket>acs:oss:::dest-bkt</Bucket><Prefix>inv/</Prefix><Encryption><SSE-OSS></SSE-OSS></Encryption></OSSBucketDestination></Destination>
<Schedule><Frequency>Weekly</Frequency></Schedule><Filter><Prefix>data/</Prefix><StorageClass>Standard,IA</StorageClass></Filter>
<IncludedObjectVersions>All</IncludedObjectVersions><OptionalFields><Field>Size</Field><Field>StorageClass</Field></OptionalFields>
</InventoryConfiguration>` + more + `</ListInventoryConfigurationsResult>`))
	}))
	got, err := c.ListBucketInventory(context.Background(), mustBucket(t, "bkt"))
	if err != nil {
		t.Fatalf("ListBucketInventory: %v", err)
	}
	if calls != 2 || len(got) != 2 || got[0].ID != "first" || got[1].ID != "second" {
		t.Fatalf("got %d configs in %d calls: %+v; want first and second in 2", len(got), calls, got)
	}
	ic := got[0]
	if !ic.Enabled || ic.Destination.Bucket != "dest-bkt" || ic.Destination.Encryption != "SSE-OSS" || ic.Frequency != "Weekly" ||
		ic.Prefix != "data/" || len(ic.StorageClassesFilter) != 2 || ic.StorageClassesFilter[1] != osskit.IA ||
		ic.IncludedVersions != "All" || len(ic.OptionalFields) != 2 {
		t.Errorf("config = %+v", ic)
	}
}

func TestGetBucketLifecycleBadDate(t *testing.T) {
	c := newTestClient(t, xmlHandler(t, 200, `<LifecycleConfiguration><Rule><ID>r</ID><Prefix></Prefix><Status>Enabled</Status>
<Expiration><CreatedBeforeDate>next tuesday</CreatedBeforeDate></Expiration></Rule></LifecycleConfiguration>`))
	_, err := c.GetBucketLifecycle(context.Background(), mustBucket(t, "bkt"))
	if err == nil || !strings.Contains(err.Error(), "next tuesday") || fault.KindOf(err) != fault.Internal {
		t.Errorf("err = %v; want an internal error naming the unreadable date", err)
	}
}
