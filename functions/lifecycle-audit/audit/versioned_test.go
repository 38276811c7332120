package audit

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// versionedStore reports a versioned bucket with fixed versions: the
// emulator has no versioning yet, so only these two calls are stand-ins;
// lifecycle, uploads, stat and the report writes go to the emulator.
type versionedStore struct {
	Store
	versions []osskit.ObjectInfo
}

func (versionedStore) GetBucketVersioning(context.Context, osskit.Bucket) (osskit.Versioning, error) {
	return osskit.VersioningEnabled, nil
}

func (s versionedStore) ListObjectVersions(_ context.Context, _ osskit.Bucket, o osskit.VersionListOptions) (osskit.VersionPage, error) {
	// Two entries per page, to cross page boundaries inside a key.
	start := 0
	for start < len(s.versions) && o.KeyMarker != "" && s.versions[start].Key+"#"+s.versions[start].VersionID != o.KeyMarker {
		start++
	}
	if o.KeyMarker != "" {
		start++
	}
	end := min(start+2, len(s.versions))
	p := osskit.VersionPage{Versions: s.versions[start:end], IsTruncated: end < len(s.versions)}
	if p.IsTruncated {
		last := s.versions[end-1]
		p.NextKeyMarker = last.Key + "#" + last.VersionID
	}
	return p, nil
}

// A versioned bucket: noncurrent bytes priced, expired delete markers found.
func TestVersionedBucket(t *testing.T) {
	e := newEnv(t)
	e.srv.MustBucket(t, "audit-data")
	e.srv.MustBucket(t, "audit-reports")
	v := func(key, id string, size int64, class osskit.StorageClass, age int, latest, marker bool) osskit.ObjectInfo {
		return osskit.ObjectInfo{Key: key, VersionID: id, Size: size, StorageClass: class, LastModified: ago(age), IsLatest: latest, DeleteMarker: marker}
	}
	store := versionedStore{Store: e.store, versions: []osskit.ObjectInfo{
		v("docs/a", "3", 1<<30, osskit.Standard, 1, true, false),
		v("docs/a", "2", 1<<30, osskit.Standard, 40, false, false), // noncurrent since day 1
		v("docs/a", "1", 1<<30, osskit.IA, 100, false, false),      // noncurrent since day 40
		v("docs/b", "2", 0, "", 5, true, true),                     // deleted, one version behind
		v("docs/b", "1", 100, osskit.Standard, 50, false, false),   // noncurrent since day 5
		v("gone/c", "1", 0, "", 3, true, true),                     // expired delete marker
	}}
	cfg := DefaultConfig()
	cfg.Buckets, cfg.ReportBucket = []string{"audit-data"}, "audit-reports"
	a, err := New(store, cfg, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := a.Run(context.Background(), Request{}, now)
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	tt := r.Totals
	if tt.Objects != 1 || tt.NoncurrentVersions != 3 || tt.NoncurrentBytes != 2<<30+100 || tt.DeleteMarkers != 2 || tt.ExpiredDeleteMarkers != 1 {
		t.Errorf("totals = %+v; want 1 current, 3 noncurrent (2 GiB + 100 B), 2 markers, 1 expired", tt)
	}
	var nc, kept bool
	for _, f := range r.Findings {
		switch f.Code {
		case findings.NoncurrentNoExpiration:
			nc = true
			// Standard 1 GiB + 100 B at 0.12, IA 1 GiB at 0.08 (default table); the saving
			// covers versions noncurrent for 30+ days: only docs/a#1 (IA).
			cost := 0.12*(1+100.0/(1<<30)) + 0.08
			if f.Severity != findings.High || f.MonthlyCost == nil || math.Abs(*f.MonthlyCost-cost) > 1e-12 ||
				f.MonthlySaving == nil || math.Abs(*f.MonthlySaving-0.08) > 1e-12 {
				t.Errorf("%s = %s cost %v saving %v; want high, %v, 0.08", f.Code, f.Severity, f.MonthlyCost, f.MonthlySaving, cost)
			}
		case findings.ExpiredMarkersKept:
			kept = f.Evidence["notRemoved"] == int64(1)
		}
	}
	if !nc || !kept {
		t.Errorf("findings %+v; want %s and %s with 1 marker", r.Findings, findings.NoncurrentNoExpiration, findings.ExpiredMarkersKept)
	}
	if r.Versioning != "Enabled" {
		t.Errorf("versioning = %q; want Enabled", r.Versioning)
	}
}
