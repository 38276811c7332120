package rules

import (
	"fmt"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// EarlyDeletion is a rule that by design deletes data, or moves it on,
// before the minimum storage duration of the class a transition put it in,
// so every object it handles pays the early-deletion fee for the rest of
// that duration (storage fees: "billed for the remaining hours",
// https://help.aliyun.com/en/oss/storage-fees).
type EarlyDeletion struct {
	Rule string
	// Class is the class the data sits in when it leaves too early.
	Class osskit.StorageClass
	// Short is how much of the minimum duration remains unpaid-for.
	Short time.Duration
	// Detail explains the arithmetic.
	Detail string
}

// EarlyDeletions checks each enabled rule's Days-based steps: after a
// transition to class C on day d, the next step (a colder transition or the
// expiry) on day e must not come before the end of C's minimum duration,
// counted from Last-Modified (day 0) for IA and Archive and from the
// transition (day d) for Cold and Deep Cold Archive
// (https://www.alibabacloud.com/help/en/oss/how-can-i-avoid-the-cost-of-insufficient-storage).
// CreatedBeforeDate steps are left out: their timing depends on each object.
func EarlyDeletions(rs []osskit.LifecycleRule) []EarlyDeletion {
	var out []EarlyDeletion
	for i := range rs {
		r := &rs[i]
		if !r.Enabled() {
			continue
		}
		for _, t := range r.Transitions {
			if t.Days <= 0 {
				continue
			}
			b, ok := t.StorageClass.Billing()
			if !ok || b.MinDuration == 0 {
				continue
			}
			minEnd := b.MinDuration
			if b.Clock == osskit.ClockTransitionTime {
				minEnd += time.Duration(t.Days) * day
			}
			leave, how := 0, ""
			if e := r.Expiration; e != nil && e.Days > t.Days {
				leave, how = e.Days, "expires"
			}
			for _, u := range r.Transitions {
				if u.Days > t.Days && Colder(t.StorageClass, u.StorageClass) && (leave == 0 || u.Days < leave) {
					leave, how = u.Days, "moves to "+string(u.StorageClass)
				}
			}
			if leave == 0 {
				continue
			}
			if end := time.Duration(leave) * day; end < minEnd {
				out = append(out, EarlyDeletion{Rule: r.ID, Class: t.StorageClass, Short: minEnd - end,
					Detail: fmt.Sprintf("rule %q moves data to %s on day %d and %s on day %d; %s bills at least %d days from %s",
						r.ID, t.StorageClass, t.Days, how, leave, t.StorageClass, int(b.MinDuration/day), clockName(b.Clock))})
			}
		}
	}
	return out
}

func clockName(c osskit.Clock) string {
	if c == osskit.ClockTransitionTime {
		return "the transition"
	}
	return "last modification"
}
