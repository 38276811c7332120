package inventory

import (
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Band is an age band: days since last modification for current objects,
// days since they stopped being current for older versions.
type Band int

// The age bands, in days: [0,30) [30,60) [60,90) [90,180) [180,365) [365,∞).
// They follow the minimum durations of IA (30), Archive (60) and the Cold
// classes (180) so each band says which moves are already free.
const (
	Band0to30 Band = iota
	Band30to60
	Band60to90
	Band90to180
	Band180to365
	Band365Plus
	numBands
)

var bandNames = [numBands]string{"0-30", "30-60", "60-90", "90-180", "180-365", "365+"}

// Bands lists every band, youngest first.
var Bands = []Band{Band0to30, Band30to60, Band60to90, Band90to180, Band180to365, Band365Plus}

// String returns the band's report name, e.g. "90-180".
func (b Band) String() string {
	if b < 0 || b >= numBands {
		return "unknown"
	}
	return bandNames[b]
}

// BandOf returns the band for an age; a negative age (a clock skewed
// into the future) counts as new.
func BandOf(age time.Duration) Band {
	d := int(age / (24 * time.Hour))
	switch {
	case d < 30:
		return Band0to30
	case d < 60:
		return Band30to60
	case d < 90:
		return Band60to90
	case d < 180:
		return Band90to180
	case d < 365:
		return Band180to365
	}
	return Band365Plus
}

// numClasses counts the five OSS classes plus one slot for a class the
// store did not report or we do not know.
const numClasses = 6

func classIndex(c osskit.StorageClass) int {
	if r := c.Rank(); r >= 0 {
		return r
	}
	return numClasses - 1
}

// classAt is classIndex's inverse; the unknown slot reports "".
func classAt(i int) osskit.StorageClass {
	if i < len(osskit.StorageClasses) {
		return osskit.StorageClasses[i]
	}
	return ""
}

// billingAt caches each class slot's billing rules.
var billingAt = func() (m [numClasses]osskit.Billing) {
	for i := 0; i < numClasses; i++ {
		m[i], _ = classAt(i).Billing()
	}
	return m
}()

// minDurationEnds is osskit.ObjectInfo.MinDurationEnds without its map
// lookup, for the per-object path; the two agree (TestMinDurationEnds).
func minDurationEnds(ci int, o *osskit.ObjectInfo) (time.Time, bool) {
	b := &billingAt[ci]
	if b.MinDuration == 0 {
		return time.Time{}, false
	}
	start := o.LastModified
	if b.Clock == osskit.ClockTransitionTime && !o.TransitionTime.IsZero() {
		start = o.TransitionTime
	}
	if start.IsZero() {
		return time.Time{}, false
	}
	return start.Add(b.MinDuration), true
}

// minBillable caches StorageClass.BilledSize's minimum per class slot so
// the per-object path does no map lookup.
var minBillable = func() (m [numClasses]int64) {
	for i := 0; i < numClasses; i++ {
		if b, ok := classAt(i).Billing(); ok {
			m[i] = b.MinBillableSize
		}
	}
	return m
}()
