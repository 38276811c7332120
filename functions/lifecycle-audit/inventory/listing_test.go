package inventory

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// pager serves fixed listings in pages of size n, like OSS: objects (with
// delimiter support), versions and uploads. Pages are computed from an
// offset encoded in the token, so it also checks our paging.
type pager struct {
	objs     []osskit.ObjectInfo
	versions []osskit.ObjectInfo
	uploads  []osskit.Upload
	n        int
	calls    atomic.Int32
	stuck    bool
}

func (p *pager) ListObjects(_ context.Context, _ osskit.Bucket, o osskit.ListOptions) (osskit.ListPage, error) {
	p.calls.Add(1)
	var sel []osskit.ObjectInfo
	var prefixes []string
	for _, x := range p.objs {
		if !strings.HasPrefix(x.Key, o.Prefix) {
			continue
		}
		if o.Delimiter != "" {
			if i := strings.Index(x.Key[len(o.Prefix):], o.Delimiter); i >= 0 {
				cp := x.Key[:len(o.Prefix)+i+1]
				if len(prefixes) == 0 || prefixes[len(prefixes)-1] != cp {
					prefixes = append(prefixes, cp)
				}
				continue
			}
		}
		sel = append(sel, x)
	}
	if o.Delimiter != "" {
		return osskit.ListPage{Objects: sel, CommonPrefixes: prefixes}, nil
	}
	start := len(o.ContinuationToken)
	end := min(start+p.n, len(sel))
	page := osskit.ListPage{Objects: sel[start:end], IsTruncated: end < len(sel)}
	if page.IsTruncated {
		page.NextContinuationToken = strings.Repeat("x", end)
		if p.stuck {
			page.NextContinuationToken = o.ContinuationToken
		}
	}
	return page, nil
}

func (p *pager) ListObjectVersions(_ context.Context, _ osskit.Bucket, o osskit.VersionListOptions) (osskit.VersionPage, error) {
	start := len(o.KeyMarker)
	end := min(start+p.n, len(p.versions))
	page := osskit.VersionPage{Versions: p.versions[start:end], IsTruncated: end < len(p.versions)}
	if page.IsTruncated {
		page.NextKeyMarker = strings.Repeat("k", end)
	}
	return page, nil
}

func (p *pager) ListMultipartUploads(_ context.Context, _ osskit.Bucket, o osskit.UploadListOptions) (osskit.UploadPage, error) {
	return osskit.UploadPage{Uploads: p.uploads}, nil
}

func (p *pager) UploadedBytes(_ context.Context, _ osskit.Bucket, key, _ string) (int64, error) {
	if key == "fail" {
		return 0, errors.New("no parts")
	}
	return 1000, nil
}

var bucket, _ = osskit.NewBucket("bkt")

func TestScanObjectsParallelEqualsSequential(t *testing.T) {
	p := &pager{n: 2}
	for _, k := range []string{"a.txt", "b/1", "b/2", "b/3", "c/1", "c/d/2", "z"} {
		p.objs = append(p.objs, *obj(k, 10, osskit.Standard, 5))
	}
	seq, _ := New(Options{Now: now})
	if _, err := Scan(context.Background(), Listers{Objects: p}, bucket, ScanOptions{}, seq); err != nil {
		t.Fatal(err)
	}
	par, _ := New(Options{Now: now})
	if _, err := Scan(context.Background(), Listers{Objects: p}, bucket, ScanOptions{Parallel: 3}, par); err != nil {
		t.Fatal(err)
	}
	s1, s2 := seq.Summary(), par.Summary()
	total := func(s Summary) (n int64) {
		for _, g := range s.Groups {
			n += g.Count
		}
		return n
	}
	if total(s1) != 7 || total(s2) != 7 || len(s1.Groups) != len(s2.Groups) {
		t.Errorf("sequential %d objects in %d groups, parallel %d in %d; want 7 each, same groups", total(s1), len(s1.Groups), total(s2), len(s2.Groups))
	}
}

func TestScanStuckToken(t *testing.T) {
	p := &pager{n: 1, stuck: true, objs: []osskit.ObjectInfo{*obj("a", 1, "", 1), *obj("b", 1, "", 1)}}
	a, _ := New(Options{Now: now})
	_, err := Scan(context.Background(), Listers{Objects: p}, bucket, ScanOptions{}, a)
	if !errors.Is(err, osskit.ErrUnavailable) || p.calls.Load() > 2 {
		t.Errorf("Scan = %v after %d calls; want ErrUnavailable after 2", err, p.calls.Load())
	}
}

// Versions split across pages keep their noncurrent ages and markers.
func TestScanVersionsAcrossPages(t *testing.T) {
	v := func(key string, age int, latest, marker bool) osskit.ObjectInfo {
		return osskit.ObjectInfo{Key: key, Size: 100, StorageClass: osskit.Standard, LastModified: ago(age), IsLatest: latest, DeleteMarker: marker}
	}
	p := &pager{n: 1, versions: []osskit.ObjectInfo{v("a", 1, true, true), v("a", 40, false, false), v("a", 50, false, false), v("b", 2, true, true)},
		uploads: []osskit.Upload{{Key: "u", Initiated: ago(9)}, {Key: "fail", Initiated: ago(1)}}}
	a, _ := New(Options{Now: now})
	if _, err := Scan(context.Background(), Listers{Versions: p, Uploads: p, Parts: p}, bucket, ScanOptions{Versions: true}, a); err != nil {
		t.Fatal(err)
	}
	s := a.Summary()
	// a#40 noncurrent since day 1; a#50 since day 40.
	if g := find(t, s, "", true, osskit.Standard, "0-30"); g.Count != 1 {
		t.Errorf("noncurrent 0-30 = %d; want 1", g.Count)
	}
	if g := find(t, s, "", true, osskit.Standard, "30-60"); g.Count != 1 {
		t.Errorf("noncurrent 30-60 = %d; want 1", g.Count)
	}
	if s.DeleteMarkers != 2 || s.ExpiredDeleteMarkers != 1 {
		t.Errorf("markers %d expired %d; want 2, 1", s.DeleteMarkers, s.ExpiredDeleteMarkers)
	}
	if u := s.Uploads; u.Count != 2 || u.Bytes != 1000 || u.BytesKnown || u.StaleBytes != 1000 {
		t.Errorf("uploads = %+v; want 2, 1000 bytes known for one, stale 1000", u)
	}
}
