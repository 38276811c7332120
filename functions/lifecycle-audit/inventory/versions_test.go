package inventory

import (
	"testing"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Restored copies: a readable or ongoing restore counts; an expired one does not.
func TestAggregateRestored(t *testing.T) {
	a, _ := New(Options{Now: now})
	for _, r := range []*osskit.RestoreState{{ExpiresAt: now.Add(day)}, {Ongoing: true}, {ExpiresAt: now.Add(-day)}, nil} {
		o := obj("arch/x", 100000, osskit.Archive, 100)
		o.Restore = r
		a.AddObject(o)
	}
	if got := a.Summary().Restored; got != (Cell{2, 200000, 200000}) {
		t.Errorf("Restored = %+v; want 2 objects, 200000 bytes", got)
	}
}

// A key's entries may arrive in any order (an inventory file need not list
// them newest first): the result is the same.
func TestVersionsAnyOrderWithinKey(t *testing.T) {
	v := func(key string, size int64, age int, latest, marker bool) *osskit.ObjectInfo {
		return &osskit.ObjectInfo{Key: key, Size: size, StorageClass: osskit.Standard, LastModified: ago(age), IsLatest: latest, DeleteMarker: marker}
	}
	ordered := []*osskit.ObjectInfo{v("a", 1, 1, true, false), v("a", 2, 40, false, false), v("a", 3, 90, false, false), v("b", 0, 5, true, true), v("b", 4, 50, false, false)}
	shuffled := []*osskit.ObjectInfo{ordered[2], ordered[0], ordered[1], ordered[4], ordered[3]}
	sum := func(in []*osskit.ObjectInfo) Summary {
		a, _ := New(Options{Now: now})
		for _, o := range in {
			a.AddVersion(o)
		}
		return a.Summary()
	}
	x, y := sum(ordered), sum(shuffled)
	if len(x.Groups) != len(y.Groups) || x.DeleteMarkers != y.DeleteMarkers || x.ExpiredDeleteMarkers != 0 || y.ExpiredDeleteMarkers != 0 {
		t.Fatalf("ordered %+v; shuffled %+v", x, y)
	}
	for i := range x.Groups {
		if x.Groups[i].Cell != y.Groups[i].Cell || x.Groups[i].Band != y.Groups[i].Band {
			t.Errorf("group %d: ordered %+v, shuffled %+v", i, x.Groups[i], y.Groups[i])
		}
	}
	// b#4 stopped being current when the marker was written (day 5): band 0-30.
	if g := find(t, y, "", true, osskit.Standard, "0-30"); g.Count != 2 || g.Bytes != 6 {
		t.Errorf("noncurrent 0-30 = %+v; want a#2 and b#4 (6 bytes)", g.Cell)
	}
}

func TestMinDurationEnds(t *testing.T) {
	for _, c := range append(osskit.StorageClasses, "", "Weird") {
		for _, o := range []osskit.ObjectInfo{
			{StorageClass: c, LastModified: ago(3)},
			{StorageClass: c, LastModified: ago(3), TransitionTime: ago(1)},
			{StorageClass: c},
		} {
			gotT, gotOK := minDurationEnds(classIndex(c), &o)
			wantT, wantOK := o.MinDurationEnds()
			if !gotT.Equal(wantT) || gotOK != wantOK {
				t.Errorf("minDurationEnds(%+v) = %v, %v; want %v, %v", o, gotT, gotOK, wantT, wantOK)
			}
		}
	}
}
