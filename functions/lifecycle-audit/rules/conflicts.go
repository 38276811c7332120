package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Problem is something wrong with a rule set: a combination OSS rejects
// today (it may have been accepted under older checks, or by the
// x-oss-allow-same-action-overlap header), or one that costs money.
type Problem struct {
	// Code is stable, e.g. "same-prefix".
	Code string
	// Rules are the IDs involved (one or two).
	Rules []string
	// Detail says what is wrong, citing the OSS error code where there is one.
	Detail string
}

// overlap reports whether two rules can select the same key: one prefix
// starts with the other. Tags are ignored: two tag sets may both be carried
// by one object.
func overlap(a, b *osskit.LifecycleRule) bool {
	return strings.HasPrefix(a.Prefix, b.Prefix) || strings.HasPrefix(b.Prefix, a.Prefix)
}

// Conflicts lists problems between enabled rules and within each rule.
// Pairs are checked against the OSS overlap errors: 0014-00000085 (same
// prefix), 0014-00000084 (overlapping prefixes with the same Expiration,
// NoncurrentVersionExpiration or AbortMultipartUpload action),
// 0014-00000079 (transition to the same class), 0014-00000080 (Days mixed
// with CreatedBeforeDate), 0014-00000082 (Archive not later than IA, or
// expiry not later than a transition). Within a rule it flags an expiry
// that comes before or with a transition (the transition never happens).
func Conflicts(rs []osskit.LifecycleRule) []Problem {
	var out []Problem
	for i := range rs {
		a := &rs[i]
		if !a.Enabled() {
			continue
		}
		out = append(out, order(a, a)...)
		for j := i + 1; j < len(rs); j++ {
			b := &rs[j]
			if !b.Enabled() || !overlap(a, b) {
				continue
			}
			ids := []string{a.ID, b.ID}
			add := func(code, format string, args ...any) {
				out = append(out, Problem{Code: code, Rules: ids, Detail: fmt.Sprintf(format, args...)})
			}
			if a.Prefix == b.Prefix && tagsEqual(a.Tags, b.Tags) {
				add("same-prefix", "both rules select prefix %q (OSS error 0014-00000085)", a.Prefix)
			}
			for _, act := range sameActions(a, b) {
				add("same-action-overlap", "overlapping prefixes %q and %q both have %s (OSS error 0014-00000084)", a.Prefix, b.Prefix, act)
			}
			for _, ta := range a.Transitions {
				for _, tb := range b.Transitions {
					if ta.StorageClass == tb.StorageClass {
						add("same-class-overlap", "overlapping prefixes %q and %q both transition to %s (OSS error 0014-00000079)", a.Prefix, b.Prefix, ta.StorageClass)
					}
					if (ta.Days > 0) != (tb.Days > 0) {
						add("mixed-days-date", "overlapping prefixes %q and %q mix Days and CreatedBeforeDate transitions (OSS error 0014-00000080)", a.Prefix, b.Prefix)
					}
				}
			}
			out = append(out, order(a, b)...)
			if a != b {
				out = append(out, order(b, a)...)
			}
		}
	}
	return out
}

func sameActions(a, b *osskit.LifecycleRule) []string {
	var acts []string
	if expires(a) && expires(b) {
		acts = append(acts, "Expiration")
	}
	if a.NoncurrentVersionExpiration != nil && b.NoncurrentVersionExpiration != nil {
		acts = append(acts, "NoncurrentVersionExpiration")
	}
	if a.AbortMultipartUpload != nil && b.AbortMultipartUpload != nil {
		acts = append(acts, "AbortMultipartUpload")
	}
	return acts
}

func expires(r *osskit.LifecycleRule) bool {
	return r.Expiration != nil && (r.Expiration.Days > 0 || !r.Expiration.CreatedBeforeDate.IsZero())
}

// order checks a's expiry and colder transitions against b's transitions
// (Days only; dates are compared as points in time).
func order(a, b *osskit.LifecycleRule) []Problem {
	var out []Problem
	ids := []string{a.ID}
	if a != b {
		ids = append(ids, b.ID)
	}
	for _, tb := range b.Transitions {
		if e := a.Expiration; expires(a) && earlierOrSame(e.Days, e.CreatedBeforeDate, tb.Days, tb.CreatedBeforeDate) {
			out = append(out, Problem{Code: "expire-before-transition", Rules: ids,
				Detail: fmt.Sprintf("expiry of %q comes no later than its transition to %s, so the transition never happens (OSS error 0014-00000082)", a.Prefix, tb.StorageClass)})
		}
		for _, ta := range a.Transitions {
			if Colder(tb.StorageClass, ta.StorageClass) && earlierOrSame(ta.Days, ta.CreatedBeforeDate, tb.Days, tb.CreatedBeforeDate) {
				out = append(out, Problem{Code: "colder-not-later", Rules: ids,
					Detail: fmt.Sprintf("transition to %s comes no later than transition to %s (OSS error 0014-00000082)", ta.StorageClass, tb.StorageClass)})
			}
		}
	}
	return out
}

// earlierOrSame compares two (Days, CreatedBeforeDate) triggers of the
// same kind; mixed kinds are not comparable and are reported elsewhere.
func earlierOrSame(d1 int, t1 time.Time, d2 int, t2 time.Time) bool {
	switch {
	case d1 > 0 && d2 > 0:
		return d1 <= d2
	case d1 == 0 && d2 == 0 && !t1.IsZero() && !t2.IsZero():
		// An earlier CreatedBeforeDate selects fewer, older objects: it fires
		// for a subset, so only "later or same date" means "sooner for all".
		return !t1.Before(t2)
	}
	return false
}

func tagsEqual(a, b []osskit.Tag) bool {
	if len(a) != len(b) {
		return false
	}
	for _, t := range a {
		if !hasTag(b, t) {
			return false
		}
	}
	return true
}
