package audit

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/report"
)

// deleteAt deletes key (a delete marker in a versioned bucket, or the
// version id given) with the emulator's clock at t.
func (e *env) deleteAt(t *testing.T, bucket, key, versionID string, at time.Time) {
	t.Helper()
	e.clock.Set(at)
	defer e.clock.Set(time.Time{})
	req := &oss.DeleteObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(key)}
	if versionID != "" {
		req.VersionId = oss.Ptr(versionID)
	}
	if _, err := sdkClient(e.srv).DeleteObject(context.Background(), req); err != nil {
		t.Fatalf("delete %s: %v", key, err)
	}
}

// A versioned bucket in the emulator: noncurrent versions aged from when
// they were replaced, priced per class, and an expired delete marker.
func TestVersionedBucket(t *testing.T) {
	e := newEnv(t)
	e.srv.MustBucket(t, "audit-data")
	e.srv.MustBucket(t, "audit-reports")
	seedVersioned(t, e)
	rs, err := newAuditor(t, e, nil).Run(context.Background(), Request{}, now)
	if err != nil {
		t.Fatal(err)
	}
	checkVersioned(t, rs)
}

// seedVersioned enables versioning and writes three versions of docs/a,
// a deleted docs/b and a gone/c whose only version was removed, leaving
// its delete marker alone.
func seedVersioned(t *testing.T, e *env) {
	t.Helper()
	if _, err := e.sdk.PutBucketVersioning(context.Background(), &oss.PutBucketVersioningRequest{Bucket: oss.Ptr("audit-data"),
		VersioningConfiguration: &oss.VersioningConfiguration{Status: oss.VersionEnabled}}); err != nil {
		t.Fatal(err)
	}
	e.seed(t, "audit-data", "docs/a", 300000, "IA", ago(100))
	e.seed(t, "audit-data", "docs/a", 200000, "Standard", ago(40)) // replaces v1: v1 noncurrent since day 40
	e.seed(t, "audit-data", "docs/a", 100000, "Standard", ago(1))  // replaces v2: v2 noncurrent since day 1
	e.seed(t, "audit-data", "docs/b", 100, "Standard", ago(50))
	e.deleteAt(t, "audit-data", "docs/b", "", ago(5)) // marker over one version
	e.seed(t, "audit-data", "gone/c", 10, "Standard", ago(20))
	e.deleteAt(t, "audit-data", "gone/c", "", ago(10))
	res, err := e.sdk.ListObjectVersions(context.Background(), &oss.ListObjectVersionsRequest{Bucket: oss.Ptr("audit-data"), Prefix: oss.Ptr("gone/")})
	if err != nil || len(res.ObjectVersions) != 1 {
		t.Fatalf("versions of gone/c = %+v, %v", res, err)
	}
	e.deleteAt(t, "audit-data", "gone/c", *res.ObjectVersions[0].VersionId, ago(9)) // only the marker is left
}

func checkVersioned(t *testing.T, rs []report.Report) {
	t.Helper()
	r := rs[0]
	tt := r.Totals
	if r.Versioning != "Enabled" || tt.Objects != 1 || tt.NoncurrentVersions != 3 || tt.NoncurrentBytes != 500100 || tt.DeleteMarkers != 2 || tt.ExpiredDeleteMarkers != 1 {
		t.Errorf("versioning %q totals %+v; want Enabled, 1 current, 3 noncurrent (500100 B), 2 markers, 1 expired", r.Versioning, tt)
	}
	want := map[string]int64{"docs/ Standard 0-30 false": 100000, "docs/ Standard 0-30 true": 200100, "docs/ IA 30-60 true": 300000}
	for _, g := range r.Groups {
		k := g.Prefix + " " + string(g.Class) + " " + g.Band + " " + map[bool]string{true: "true", false: "false"}[g.Noncurrent]
		if want[k] != g.Bytes {
			t.Errorf("group %s = %d bytes; want %d", k, g.Bytes, want[k])
		}
		delete(want, k)
	}
	if len(want) != 0 {
		t.Errorf("missing groups %v", want)
	}
	var nc, kept bool
	for _, f := range r.Findings {
		switch f.Code {
		case findings.NoncurrentNoExpiration:
			nc = true
			// Default table: Standard 0.12, IA 0.08 per GiB-month; the saving covers
			// versions noncurrent for 30+ days, here the IA one.
			cost := (0.12*200100 + 0.08*300000) / (1 << 30)
			if f.Severity != findings.High || f.MonthlyCost == nil || math.Abs(*f.MonthlyCost-cost) > 1e-15 ||
				f.MonthlySaving == nil || math.Abs(*f.MonthlySaving-0.08*300000/(1<<30)) > 1e-15 {
				t.Errorf("%s = %s cost %v saving %v; want high, %v", f.Code, f.Severity, f.MonthlyCost, f.MonthlySaving, cost)
			}
		case findings.ExpiredMarkersKept:
			kept = f.Evidence["notRemoved"] == int64(1)
		}
	}
	if !nc || !kept {
		t.Errorf("findings %+v; want %s and %s with 1 marker", r.Findings, findings.NoncurrentNoExpiration, findings.ExpiredMarkersKept)
	}
}
