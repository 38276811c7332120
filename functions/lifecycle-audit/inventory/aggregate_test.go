package inventory

import (
	"errors"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

var now = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

func ago(d int) time.Time { return now.Add(-time.Duration(d) * day) }

func obj(key string, size int64, class osskit.StorageClass, age int) *osskit.ObjectInfo {
	return &osskit.ObjectInfo{Key: key, Size: size, StorageClass: class, LastModified: ago(age), IsLatest: true}
}

func find(t *testing.T, s Summary, prefix string, noncurrent bool, class osskit.StorageClass, band string) Group {
	t.Helper()
	for _, g := range s.Groups {
		if g.Prefix == prefix && g.Noncurrent == noncurrent && g.Class == class && g.Band == band {
			return g
		}
	}
	t.Fatalf("no group %q noncurrent=%v %s %s in %+v", prefix, noncurrent, class, band, s.Groups)
	return Group{}
}

func TestBandOf(t *testing.T) {
	cases := []struct {
		days int
		want Band
	}{{-1, Band0to30}, {0, Band0to30}, {29, Band0to30}, {30, Band30to60}, {59, Band30to60}, {60, Band60to90},
		{90, Band90to180}, {179, Band90to180}, {180, Band180to365}, {364, Band180to365}, {365, Band365Plus}, {5000, Band365Plus}}
	for _, c := range cases {
		if got := BandOf(time.Duration(c.days) * day); got != c.want {
			t.Errorf("BandOf(%d days) = %v; want %v", c.days, got, c.want)
		}
	}
}

func TestPrefixOf(t *testing.T) {
	cases := []struct {
		key   string
		depth int
		want  string
	}{{"logs/2026/a", 1, "logs/"}, {"logs/2026/a", 2, "logs/2026/"}, {"logs/a", 2, "logs/"}, {"a.txt", 1, ""}, {"/x", 1, "/"}}
	for _, c := range cases {
		if got := prefixOf(c.key, c.depth); got != c.want {
			t.Errorf("prefixOf(%q, %d) = %q; want %q", c.key, c.depth, got, c.want)
		}
	}
}

// Figures computed by hand: IA and colder bill at least 64 KiB per object.
func TestAggregateCurrent(t *testing.T) {
	rs := []osskit.LifecycleRule{{ID: "to-ia", Status: osskit.RuleEnabled, Prefix: "logs/",
		Transitions: []osskit.Transition{{Days: 30, StorageClass: osskit.IA}}},
		{ID: "nothing", Status: osskit.RuleEnabled, Prefix: "nope/", Expiration: &osskit.Expiration{Days: 1}}}
	a, err := New(Options{Now: now, Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	a.AddObject(obj("logs/a", 1000, osskit.Standard, 10))   // IA on day 30, small: padded to 64 KiB there
	a.AddObject(obj("logs/b", 200000, osskit.Standard, 20)) // IA on day 30
	a.AddObject(obj("logs/c", 1000, osskit.IA, 40))         // billed 65536
	a.AddObject(obj("img/x", 5, osskit.Standard, 400))      // Standard, old, uncovered
	a.AddObject(obj("img/y", 70000, osskit.Archive, 100))
	a.AddObject(obj("root.txt", 3, osskit.ColdArchive, 200))
	s := a.Summary()

	g := find(t, s, "logs/", false, osskit.Standard, "0-30")
	if g.Count != 2 || g.Bytes != 201000 || g.BilledBytes != 201000 {
		t.Errorf("logs/ Standard 0-30 = %+v; want 2 objects, 201000 bytes, 201000 billed", g.Cell)
	}
	if len(g.Next) != 1 || g.Next[0].Rule != "to-ia" || g.Next[0].Action != "transition" || g.Next[0].Class != osskit.IA ||
		g.Next[0].Count != 2 || !g.Next[0].First.Equal(ago(20).Add(30*day)) || !g.Next[0].Last.Equal(ago(10).Add(30*day)) {
		t.Errorf("logs/ next = %+v; want to-ia transition to IA for 2, due %v..%v", g.Next, ago(20).Add(30*day), ago(10).Add(30*day))
	}
	if g := find(t, s, "logs/", false, osskit.IA, "30-60"); g.Count != 1 || g.Bytes != 1000 || g.BilledBytes != 65536 {
		t.Errorf("logs/ IA 30-60 = %+v; want 1, 1000 bytes, 65536 billed", g.Cell)
	}
	if g := find(t, s, "img/", false, osskit.Standard, "365+"); g.Count != 1 || g.BilledBytes != 5 || len(g.Next) != 0 {
		t.Errorf("img/ Standard 365+ = %+v next %v; want 1 object billed 5, no action", g.Cell, g.Next)
	}
	if g := find(t, s, "", false, osskit.ColdArchive, "180-365"); g.BilledBytes != 65536 {
		t.Errorf("root ColdArchive billed = %d; want 65536", g.BilledBytes)
	}
	if s.Uncovered != (Cell{1, 5, 5}) {
		t.Errorf("Uncovered = %+v; want {1 5 5}", s.Uncovered)
	}
	if len(s.SmallMoves) != 1 || s.SmallMoves[0].Class != osskit.IA || s.SmallMoves[0].Cell != (Cell{1, 1000, 65536}) {
		t.Errorf("SmallMoves = %+v; want one IA move of 1000 bytes billed 65536", s.SmallMoves)
	}
	if s.RuleKeys[0] != 3 || s.RuleKeys[1] != 0 {
		t.Errorf("RuleKeys = %v; want [3 0]", s.RuleKeys)
	}
	if len(s.Groups) != 5 {
		t.Errorf("groups = %d; want 5", len(s.Groups))
	}
}

// An expiry before the class's minimum duration is an early deletion:
// IA bills 30 days from Last-Modified.
func TestAggregateEarly(t *testing.T) {
	rs := []osskit.LifecycleRule{{ID: "x", Status: osskit.RuleEnabled, Expiration: &osskit.Expiration{Days: 20}}}
	a, _ := New(Options{Now: now, Rules: rs})
	a.AddObject(obj("a", 100000, osskit.IA, 5))  // due day 20, min ends day 30: 10 days short
	a.AddObject(obj("b", 100000, osskit.IA, 25)) // overdue: due now (day 25), 5 days short
	a.AddObject(obj("c", 100000, osskit.IA, 40)) // past the minimum
	a.AddObject(obj("d", 100000, osskit.Standard, 5))
	s := a.Summary()
	if len(s.Early) != 1 || s.Early[0].Class != osskit.IA || s.Early[0].Count != 2 || s.Early[0].ShortByteDays != 100000*15 {
		t.Errorf("Early = %+v; want IA: 2 objects, %d byte-days", s.Early, 100000*15)
	}
}

func TestAggregateVersions(t *testing.T) {
	rs := []osskit.LifecycleRule{{ID: "nc", Status: osskit.RuleEnabled, NoncurrentVersionExpiration: &osskit.NoncurrentVersionExpiration{NoncurrentDays: 30}},
		{ID: "dm", Status: osskit.RuleEnabled, Prefix: "gone/", Expiration: &osskit.Expiration{ExpiredObjectDeleteMarker: true}}}
	a, _ := New(Options{Now: now, Rules: rs})
	v := func(key string, size int64, age int, latest, marker bool) *osskit.ObjectInfo {
		return &osskit.ObjectInfo{Key: key, Size: size, StorageClass: osskit.Standard, LastModified: ago(age), IsLatest: latest, DeleteMarker: marker}
	}
	// a: current (age 1), noncurrent since day 1 (written day 50), noncurrent since day 50.
	a.AddVersion(v("doc/a", 10, 1, true, false))
	a.AddVersion(v("doc/a", 20, 50, false, false))
	a.AddVersion(v("doc/a", 30, 100, false, false))
	// b: deleted (marker on day 2) over one version: not expired.
	a.AddVersion(v("doc/b", 0, 2, true, true))
	a.AddVersion(v("doc/b", 40, 70, false, false))
	// gone/c and other/d: lone markers, expired; only gone/ has a rule.
	a.AddVersion(v("gone/c", 0, 3, true, true))
	a.AddVersion(v("other/d", 0, 3, true, true))
	s := a.Summary()
	if g := find(t, s, "doc/", false, osskit.Standard, "0-30"); g.Count != 1 || g.Bytes != 10 {
		t.Errorf("current = %+v; want 1 object of 10 bytes", g.Cell)
	}
	// Noncurrent ages: doc/a#2 since day 1, doc/b#1 since day 2 → 0-30; doc/a#3 since day 50 → 30-60.
	if g := find(t, s, "doc/", true, osskit.Standard, "0-30"); g.Count != 2 || g.Bytes != 60 {
		t.Errorf("noncurrent 0-30 = %+v; want 2 versions, 60 bytes", g.Cell)
	}
	g := find(t, s, "doc/", true, osskit.Standard, "30-60")
	if g.Count != 1 || g.Bytes != 30 || len(g.Next) != 1 || g.Next[0].Action != "expire-noncurrent" || !g.Next[0].First.Equal(now) {
		t.Errorf("noncurrent 30-60 = %+v next %+v; want 1 version of 30 bytes expiring now", g.Cell, g.Next)
	}
	if s.DeleteMarkers != 3 || s.ExpiredDeleteMarkers != 2 || s.MarkersRemovable != 1 {
		t.Errorf("markers = %d, expired %d, removable %d; want 3, 2, 1", s.DeleteMarkers, s.ExpiredDeleteMarkers, s.MarkersRemovable)
	}
}

func TestAggregateUploads(t *testing.T) {
	rs := []osskit.LifecycleRule{{ID: "ab", Status: osskit.RuleEnabled, Prefix: "big/", AbortMultipartUpload: &osskit.AbortMultipartUpload{Days: 3}}}
	a, _ := New(Options{Now: now, Rules: rs})
	a.AddUpload(osskit.Upload{Key: "big/a", Initiated: ago(10)}, 500, true)
	a.AddUpload(osskit.Upload{Key: "tmp/b", Initiated: ago(1)}, 700, true)
	a.AddUpload(osskit.Upload{Key: "tmp/c", Initiated: ago(30)}, 0, false)
	u := a.Summary().Uploads
	want := Uploads{Count: 3, Bytes: 1200, BytesKnown: false, Stale: 2, StaleBytes: 500, Oldest: ago(30), Aborted: 1}
	if u != want {
		t.Errorf("Uploads = %+v; want %+v", u, want)
	}
}

// Distinct prefixes beyond the cap fold into OtherPrefixes.
func TestPrefixCap(t *testing.T) {
	a, _ := New(Options{Now: now, MaxPrefixes: 2})
	for _, k := range []string{"a/1", "b/1", "c/1", "d/1", "a/2"} {
		a.AddObject(obj(k, 1, osskit.Standard, 1))
	}
	s := a.Summary()
	if g := find(t, s, OtherPrefixes, false, osskit.Standard, "0-30"); g.Count != 2 {
		t.Errorf("(other) count = %d; want 2", g.Count)
	}
	if g := find(t, s, "a/", false, osskit.Standard, "0-30"); g.Count != 2 {
		t.Errorf("a/ count = %d; want 2", g.Count)
	}
}

func TestMergeEqualsSingle(t *testing.T) {
	rs := []osskit.LifecycleRule{{ID: "t", Status: osskit.RuleEnabled, Transitions: []osskit.Transition{{Days: 30, StorageClass: osskit.IA}}}}
	one, _ := New(Options{Now: now, Rules: rs})
	x, _ := New(Options{Now: now, Rules: rs})
	y, _ := New(Options{Now: now, Rules: rs})
	for i, k := range []string{"a/1", "a/2", "b/1", "c/9"} {
		o := obj(k, int64(100*i), osskit.Standard, 10*i)
		one.AddObject(o)
		if i%2 == 0 {
			x.AddObject(o)
		} else {
			y.AddObject(o)
		}
	}
	x.Merge(y)
	got, want := x.Summary(), one.Summary()
	if len(got.Groups) != len(want.Groups) {
		t.Fatalf("merged groups = %d; want %d", len(got.Groups), len(want.Groups))
	}
	for i := range want.Groups {
		if got.Groups[i].Cell != want.Groups[i].Cell || len(got.Groups[i].Next) != len(want.Groups[i].Next) {
			t.Errorf("group %d = %+v; want %+v", i, got.Groups[i], want.Groups[i])
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, o := range []Options{{}, {Now: now, PrefixDepth: -1}, {Now: now, MaxPrefixes: -1}, {Now: now, StaleUpload: -1}} {
		if _, err := New(o); !errors.Is(err, osskit.ErrInvalidArgument) {
			t.Errorf("New(%+v) = %v; want ErrInvalidArgument", o, err)
		}
	}
}
