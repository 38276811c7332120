package rules

import (
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Action is what a lifecycle rule does to an object.
type Action int

// Actions, in the order ties are broken: on the same day a delete beats a
// transition (Lifecycle rules.md, "Matching logic", AlibabaCloudDocs/oss@f684091).
const (
	None Action = iota
	Expire
	Transition
	ExpireNoncurrent
	TransitionNoncurrent
	AbortUpload
	RemoveDeleteMarker
)

var actionNames = [...]string{"none", "expire", "transition", "expire-noncurrent", "transition-noncurrent", "abort-upload", "remove-delete-marker"}

// String returns the action's report name, e.g. "transition".
func (a Action) String() string {
	if a < 0 || int(a) >= len(actionNames) {
		return "unknown"
	}
	return actionNames[a]
}

// Deletes reports whether a removes data.
func (a Action) Deletes() bool { return a == Expire || a == ExpireNoncurrent || a == AbortUpload }

// Next is the next thing a bucket's rules will do to an object.
type Next struct {
	// Rule is the index of the deciding rule in the configuration, -1 when
	// no rule will act.
	Rule   int
	Action Action
	// Class is the target class of a transition.
	Class osskit.StorageClass
	// Due is when the object becomes eligible; never before the evaluation
	// time (an overdue action happens at the next daily run).
	Due time.Time
	// AccessTime is true when Due assumes no read since the later of
	// LastModified and the rule's AtimeBase (last-access-time rules; OSS
	// starts every object's access time at the tracking start,
	// https://help.aliyun.com/en/oss/developer-reference/putbucketaccessmonitor).
	AccessTime bool
	// TagDependent is true when some enabled rule might apply but depends on
	// unknown tags; such rules are left out of the decision.
	TagDependent bool
}

// SmallFile is the size under which AllowSmallFile=false keeps objects from
// transitioning (error 0014-00000054, https://help.aliyun.com/en/oss/user-guide/0014-00000054).
const SmallFile = 64 << 10

const day = 24 * time.Hour

// candidate replaces n with (a, class, due) if it comes first.
func (n *Next) candidate(rule int, a Action, class osskit.StorageClass, due, now time.Time, atime bool) {
	if due.Before(now) {
		due = now
	}
	better := n.Action == None || due.Before(n.Due) ||
		due.Equal(n.Due) && (a < n.Action || a == n.Action && Colder(n.Class, class))
	if better {
		n.Rule, n.Action, n.Class, n.Due, n.AccessTime = rule, a, class, due, atime
	}
}

// when returns the due time of a Days / CreatedBeforeDate pair counted from
// base, and false when the pair never fires for it: OSS applies
// CreatedBeforeDate to data last modified before that date, at the next run.
func when(days int, before, base, now time.Time) (time.Time, bool) {
	switch {
	case days > 0:
		return base.Add(time.Duration(days) * day), true
	case !before.IsZero() && base.Before(before):
		return now, true
	}
	return time.Time{}, false
}

// NextFor evaluates every enabled rule in rs against o at now and returns
// the earliest action, ties going to deletes and then to the colder class.
// A current version can expire or transition; an older version
// (o.NoncurrentSince set) can only be expired or transitioned by the
// noncurrent actions, counted from NoncurrentSince. A transition fires only
// to a colder class, and not for objects under 64 KB when AllowSmallFile
// is false. It never fails; rules with no effect yield Rule -1.
func NextFor(rs []osskit.LifecycleRule, o *Object, now time.Time) Next {
	n := Next{Rule: -1}
	for i := range rs {
		r := &rs[i]
		if !r.Enabled() {
			continue
		}
		switch MatchRule(r, o) {
		case NoMatch:
			continue
		case DependsOnTags:
			n.TagDependent = true
			continue
		}
		if o.Noncurrent() {
			nextNoncurrent(&n, i, r, o, now)
			continue
		}
		if e := r.Expiration; e != nil {
			if due, ok := when(e.Days, e.CreatedBeforeDate, o.LastModified, now); ok {
				n.candidate(i, Expire, "", due, now, false)
			}
		}
		for _, t := range r.Transitions {
			if !Colder(o.Class, t.StorageClass) || (t.AllowSmallFile != nil && !*t.AllowSmallFile && o.Size < SmallFile) {
				continue
			}
			base := o.LastModified
			if t.IsAccessTime && r.AtimeBase.After(base) {
				base = r.AtimeBase
			}
			if due, ok := when(t.Days, t.CreatedBeforeDate, base, now); ok {
				n.candidate(i, Transition, t.StorageClass, due, now, t.IsAccessTime)
			}
		}
	}
	return n
}

func nextNoncurrent(n *Next, i int, r *osskit.LifecycleRule, o *Object, now time.Time) {
	if e := r.NoncurrentVersionExpiration; e != nil && e.NoncurrentDays > 0 {
		n.candidate(i, ExpireNoncurrent, "", o.NoncurrentSince.Add(time.Duration(e.NoncurrentDays)*day), now, false)
	}
	for _, t := range r.NoncurrentVersionTransitions {
		if t.NoncurrentDays <= 0 || !Colder(o.Class, t.StorageClass) || (t.AllowSmallFile != nil && !*t.AllowSmallFile && o.Size < SmallFile) {
			continue
		}
		n.candidate(i, TransitionNoncurrent, t.StorageClass, o.NoncurrentSince.Add(time.Duration(t.NoncurrentDays)*day), now, t.IsAccessTime)
	}
}

// NextUpload returns when the rules abort an unfinished multipart upload
// of key initiated at initiated: the earliest enabled AbortMultipartUpload
// rule whose prefix and Not exclusions select the key (OSS rejects tags on
// such rules, error 0014-00000027). Rule -1 when none will.
func NextUpload(rs []osskit.LifecycleRule, key string, initiated, now time.Time) Next {
	n := Next{Rule: -1}
	o := Object{Key: key, TagsKnown: true}
	for i := range rs {
		r := &rs[i]
		if !r.Enabled() || r.AbortMultipartUpload == nil {
			continue
		}
		// An upload has no size yet; only the key selects it.
		keyOnly := *r
		keyOnly.ObjectSizeGreaterThan, keyOnly.ObjectSizeLessThan = nil, nil
		if MatchRule(&keyOnly, &o) != Matches {
			continue
		}
		if due, ok := when(r.AbortMultipartUpload.Days, r.AbortMultipartUpload.CreatedBeforeDate, initiated, now); ok {
			n.candidate(i, AbortUpload, "", due, now, false)
		}
	}
	return n
}

// RemovesDeleteMarker returns the index of the first enabled rule with
// ExpiredObjectDeleteMarker that selects key, or -1: such a rule removes a
// delete marker once no version of the key is left.
func RemovesDeleteMarker(rs []osskit.LifecycleRule, key string) int {
	o := Object{Key: key, TagsKnown: true}
	for i := range rs {
		r := &rs[i]
		if r.Enabled() && r.Expiration != nil && r.Expiration.ExpiredObjectDeleteMarker && MatchRule(r, &o) == Matches {
			return i
		}
	}
	return -1
}
