package osskit

import (
	"fmt"
	"strings"
	"time"
)

// StorageClass is an OSS storage class, spelled as the OSS API spells it
// (x-oss-storage-class, <StorageClass>). The zero value means "not reported".
type StorageClass string

// The OSS storage classes.
const (
	Standard        StorageClass = "Standard"
	IA              StorageClass = "IA"
	Archive         StorageClass = "Archive"
	ColdArchive     StorageClass = "ColdArchive"
	DeepColdArchive StorageClass = "DeepColdArchive"
)

// StorageClasses lists every class, warmest first.
var StorageClasses = []StorageClass{Standard, IA, Archive, ColdArchive, DeepColdArchive}

// ParseStorageClass accepts the OSS API spellings ("Standard", "IA",
// "Archive", "ColdArchive", "DeepColdArchive") in any letter case, and the
// console's long forms ("Infrequent Access", "Cold Archive", "deep-cold-archive").
// Anything else, including "", returns an *Error of kind ErrInvalidArgument.
func ParseStorageClass(s string) (StorageClass, error) {
	norm := strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	switch norm {
	case "standard":
		return Standard, nil
	case "ia", "infrequentaccess":
		return IA, nil
	case "archive":
		return Archive, nil
	case "coldarchive":
		return ColdArchive, nil
	case "deepcoldarchive":
		return DeepColdArchive, nil
	}
	return "", &Error{Kind: ErrInvalidArgument, Op: "ParseStorageClass",
		Err: fmt.Errorf("unknown storage class %q; want one of Standard, IA, Archive, ColdArchive, DeepColdArchive", s)}
}

// Clock names the timestamp a minimum storage duration is counted from.
type Clock int

// Clocks.
const (
	// ClockNone: the class has no minimum storage duration.
	ClockNone Clock = iota
	// ClockLastModified: counted from the object's Last-Modified time (IA, Archive).
	ClockLastModified
	// ClockTransitionTime: counted from the time lifecycle moved the object
	// into the class (x-oss-transition-time; Cold and Deep Cold Archive).
	ClockTransitionTime
)

// Billing holds the billing rules of one storage class.
type Billing struct {
	// MinBillableSize: a smaller object is billed as this many bytes (0 = actual size).
	MinBillableSize int64
	// MinDuration: deleting or changing class earlier is billed as if stored this long.
	MinDuration time.Duration
	// Clock is what MinDuration counts from.
	Clock Clock
	// NeedsRestore: objects must be restored (RestoreObject) before a GET
	// succeeds, unless Archive real-time access is enabled on the bucket.
	NeedsRestore bool
}

const day = 24 * time.Hour

// billing is the table behind StorageClass.Billing. Sources:
// 64 KB and 30/60/180/180 days: StorageClassType comments in
// aliyun/alibabacloud-oss-go-sdk-v2 oss/enums.go; clocks (Last-Modified for
// IA/Archive, TransitionTime for Cold/Deep Cold Archive):
// https://www.alibabacloud.com/help/en/oss/how-can-i-avoid-the-cost-of-insufficient-storage ;
// restore: https://www.alibabacloud.com/help/en/oss/developer-reference/restoreobject .
var billing = map[StorageClass]Billing{
	Standard:        {},
	IA:              {MinBillableSize: 64 << 10, MinDuration: 30 * day, Clock: ClockLastModified},
	Archive:         {MinBillableSize: 64 << 10, MinDuration: 60 * day, Clock: ClockLastModified, NeedsRestore: true},
	ColdArchive:     {MinBillableSize: 64 << 10, MinDuration: 180 * day, Clock: ClockTransitionTime, NeedsRestore: true},
	DeepColdArchive: {MinBillableSize: 64 << 10, MinDuration: 180 * day, Clock: ClockTransitionTime, NeedsRestore: true},
}

// Known reports whether c is one of the five OSS classes.
func (c StorageClass) Known() bool { _, ok := billing[c]; return ok }

// Rank orders the known classes warmest first: Standard 0, IA 1, Archive 2,
// ColdArchive 3, DeepColdArchive 4; an unknown class is -1. Lifecycle
// transitions only ever raise the rank. A switch, not a map: audits call it
// for every object they count.
func (c StorageClass) Rank() int {
	switch c {
	case Standard:
		return 0
	case IA:
		return 1
	case Archive:
		return 2
	case ColdArchive:
		return 3
	case DeepColdArchive:
		return 4
	}
	return -1
}

// Billing returns c's billing rules, and false for an unknown class.
func (c StorageClass) Billing() (Billing, bool) { b, ok := billing[c]; return b, ok }

// BilledSize returns the bytes OSS bills for an object of size bytes in
// class c: the larger of size and the class's minimum billable size. An
// unknown class bills the actual size.
func (c StorageClass) BilledSize(size int64) int64 {
	if m := billing[c].MinBillableSize; size < m {
		return m
	}
	return size
}

// MinDurationEnds returns when o's minimum storage duration in its class
// ends, counted from the class's clock, and false when the class has none,
// is unknown, or the clock's timestamp is missing from o. A transition
// time of zero on a Cold Archive object (uploaded straight into the class)
// falls back to Last-Modified.
func (o ObjectInfo) MinDurationEnds() (time.Time, bool) {
	b, ok := billing[o.StorageClass]
	if !ok || b.Clock == ClockNone {
		return time.Time{}, false
	}
	start := o.LastModified
	if b.Clock == ClockTransitionTime && !o.TransitionTime.IsZero() {
		start = o.TransitionTime
	}
	if start.IsZero() {
		return time.Time{}, false
	}
	return start.Add(b.MinDuration), true
}
