package inventory

import (
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Cell is a count of objects with their real and billed bytes. Billed
// bytes count every object in IA and colder classes as at least 64 KB
// (osskit.StorageClass.BilledSize).
type Cell struct {
	Count       int64 `json:"count"`
	Bytes       int64 `json:"bytes"`
	BilledBytes int64 `json:"billedBytes"`
}

func (c *Cell) add(size, billed int64) {
	c.Count++
	c.Bytes += size
	c.BilledBytes += billed
}

func (c *Cell) merge(o Cell) {
	c.Count += o.Count
	c.Bytes += o.Bytes
	c.BilledBytes += o.BilledBytes
}

// Group is the objects (or older versions) under one prefix, in one class
// and one age band.
type Group struct {
	// Prefix is the top-level prefix ("" for keys at the bucket root,
	// OtherPrefixes once MaxPrefixes distinct prefixes were seen).
	Prefix     string              `json:"prefix"`
	Noncurrent bool                `json:"noncurrent,omitempty"`
	Class      osskit.StorageClass `json:"class"`
	Band       string              `json:"ageBand"`
	Cell
	// Next says what the lifecycle rules will do to these objects next,
	// one entry per (rule, action, target class).
	Next []NextStat `json:"next,omitempty"`
}

// NextStat counts the objects of a group one rule will act on next.
type NextStat struct {
	// Rule is the rule's ID ("" when the rule has none) and RuleIndex its
	// position in the configuration.
	Rule      string              `json:"rule"`
	RuleIndex int                 `json:"ruleIndex"`
	Action    string              `json:"action"`
	Class     osskit.StorageClass `json:"class,omitempty"`
	Count     int64               `json:"count"`
	Bytes     int64               `json:"bytes"`
	// First and Last bound the due dates within the group.
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
}

// Uploads summarises unfinished multipart uploads.
type Uploads struct {
	Count int64 `json:"count"`
	// Bytes of uploaded parts; BytesKnown is false when parts were not
	// listed (ListMultipartUploads reports no sizes).
	Bytes      int64     `json:"bytes"`
	BytesKnown bool      `json:"bytesKnown"`
	Stale      int64     `json:"stale"`
	StaleBytes int64     `json:"staleBytes"`
	Oldest     time.Time `json:"oldest,omitzero"`
	// Aborted counts uploads an AbortMultipartUpload rule will remove.
	Aborted int64 `json:"aborted"`
}

// SmallMove counts objects under 64 KB that a transition will move into
// Class, where each is billed as 64 KB.
type SmallMove struct {
	Class osskit.StorageClass `json:"class"`
	Cell
}

// Early counts objects whose next lifecycle action comes before the end
// of their class's minimum storage duration. ShortByteDays sums billed
// bytes × days still owed, the base of the early-deletion fee.
type Early struct {
	Class osskit.StorageClass `json:"class"`
	Cell
	ShortByteDays float64 `json:"shortByteDays"`
}

// Summary is everything the aggregation learned about a bucket.
type Summary struct {
	Groups []Group `json:"groups"`
	// DeleteMarkers counts every delete marker; ExpiredDeleteMarkers those
	// left with no version behind them, of which MarkersRemovable are
	// covered by an ExpiredObjectDeleteMarker rule.
	DeleteMarkers        int64   `json:"deleteMarkers"`
	ExpiredDeleteMarkers int64   `json:"expiredDeleteMarkers"`
	MarkersRemovable     int64   `json:"markersRemovable"`
	Uploads              Uploads `json:"uploads"`
	// Restored counts archived objects with a restored (or restoring) copy.
	Restored Cell `json:"restored"`
	// SmallMoves: objects under 64 KB heading for a class with a 64 KB minimum.
	SmallMoves []SmallMove `json:"smallMoves,omitempty"`
	Early      []Early     `json:"early,omitempty"`
	// Uncovered: current Standard objects at least UncoveredAge old that
	// no rule will transition or expire.
	Uncovered Cell `json:"uncovered"`
	// TagDependent: objects a tag-filtered rule may act on; listings do not
	// report tags, so those rules are left out of Next.
	TagDependent Cell `json:"tagDependent"`
	// RuleKeys counts, per rule (by index), the keys under its prefix.
	RuleKeys []int64 `json:"ruleKeys"`
}
