package inventory

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/ossflow/ossflow/pkg/osskit"
)

type checkpoint struct {
	W []Position
	S Summary
}

// A scan stopped after every page, its work and summary carried through
// JSON (as a checkpoint object is), and resumed until done gives the same
// summary as one uninterrupted scan, including keys whose versions straddle
// a stop.
func TestStopAndResumeEqualsFullScan(t *testing.T) {
	rs := []osskit.LifecycleRule{{ID: "t", Status: osskit.RuleEnabled, Prefix: "b/", Transitions: []osskit.Transition{{Days: 30, StorageClass: osskit.IA}}},
		{ID: "dm", Status: osskit.RuleEnabled, Expiration: &osskit.Expiration{ExpiredObjectDeleteMarker: true}}}
	v := func(key string, age int, latest, marker bool, class osskit.StorageClass) osskit.ObjectInfo {
		return osskit.ObjectInfo{Key: key, Size: int64(1000 * age), StorageClass: class, LastModified: ago(age), IsLatest: latest, DeleteMarker: marker}
	}
	p := &pager{n: 2, versions: []osskit.ObjectInfo{
		v("a/1", 1, true, false, osskit.Standard), v("a/1", 40, false, false, osskit.IA), v("a/1", 90, false, false, osskit.Standard),
		v("a/2", 3, true, true, ""), v("b/1", 5, true, false, osskit.Standard), v("b/1", 400, false, false, osskit.Archive),
		v("b/2", 2, true, true, ""), v("c", 100, true, false, osskit.ColdArchive)},
		uploads: []osskit.Upload{{Key: "u", Initiated: ago(9)}}}
	l := Listers{Versions: p, Uploads: p}
	opts := Options{Now: now, Rules: rs}

	full, _ := New(opts)
	if _, err := Scan(context.Background(), l, bucket, ScanOptions{Versions: true}, full); err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(full.Summary())

	agg, _ := New(opts)
	var work []Position
	rounds := 0
	for ; ; rounds++ {
		if rounds > 20 {
			t.Fatal("scan never finished")
		}
		pending, err := Scan(context.Background(), l, bucket, ScanOptions{Versions: true, Stop: func() bool { return true }, Resume: work}, agg)
		if err != nil {
			t.Fatal(err)
		}
		blob, _ := json.Marshal(checkpoint{pending, agg.Summary()})
		var back checkpoint
		if err := json.Unmarshal(blob, &back); err != nil {
			t.Fatal(err)
		}
		if agg, err = Restore(opts, back.S); err != nil {
			t.Fatal(err)
		}
		if len(back.W) == 0 {
			break
		}
		work = back.W
	}
	if rounds < 4 {
		t.Errorf("finished in %d rounds; want one page per round (>= 4)", rounds)
	}
	got, _ := json.Marshal(agg.Summary())
	if string(got) != string(want) {
		t.Errorf("resumed summary differs:\n got %s\nwant %s", got, want)
	}
}

func TestRestoreRejects(t *testing.T) {
	opts := Options{Now: now}
	for name, s := range map[string]Summary{
		"rule count": {RuleKeys: []int64{1}},
		"band":       {Groups: []Group{{Band: "7-8", Cell: Cell{Count: 1}}}},
		"action":     {Groups: []Group{{Band: "0-30", Next: []NextStat{{Action: "explode"}}}}},
	} {
		if _, err := Restore(opts, s); !errors.Is(err, osskit.ErrInvalidArgument) {
			t.Errorf("%s: Restore = %v; want ErrInvalidArgument", name, err)
		}
	}
}
