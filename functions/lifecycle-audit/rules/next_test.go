package rules

import (
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

var (
	now = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	f   = false
)

func daysAgo(n int) time.Time { return now.Add(-time.Duration(n) * day) }
func i64(v int64) *int64      { return &v }

func rule(id, prefix string, mod func(*osskit.LifecycleRule)) osskit.LifecycleRule {
	r := osskit.LifecycleRule{ID: id, Status: osskit.RuleEnabled, Prefix: prefix}
	if mod != nil {
		mod(&r)
	}
	return r
}

func expireDays(d int) func(*osskit.LifecycleRule) {
	return func(r *osskit.LifecycleRule) { r.Expiration = &osskit.Expiration{Days: d} }
}

func toClass(d int, c osskit.StorageClass) func(*osskit.LifecycleRule) {
	return func(r *osskit.LifecycleRule) {
		r.Transitions = append(r.Transitions, osskit.Transition{Days: d, StorageClass: c})
	}
}

// Sources (OSS docs) for each case are named in the case.
func TestNextFor(t *testing.T) {
	std := func(key string, size int64, age int) Object {
		return Object{Key: key, Size: size, Class: osskit.Standard, LastModified: daysAgo(age), TagsKnown: true}
	}
	cases := []struct {
		name   string
		rules  []osskit.LifecycleRule
		obj    Object
		rule   int
		action Action
		class  osskit.StorageClass
		due    time.Time
		tagDep bool
	}{
		// PutBucketLifecycle: Days counts from Last-Modified.
		{"days expiry", []osskit.LifecycleRule{rule("e", "logs/", expireDays(30))}, std("logs/a", 1, 10), 0, Expire, "", daysAgo(10).Add(30 * day), false},
		{"prefix mismatch", []osskit.LifecycleRule{rule("e", "logs/", expireDays(30))}, std("img/a", 1, 10), -1, None, "", time.Time{}, false},
		// Overdue actions happen at the next run, never in the past.
		{"overdue is now", []osskit.LifecycleRule{rule("e", "", expireDays(30))}, std("a", 1, 400), 0, Expire, "", now, false},
		// Status Disabled: the rule is not in force.
		{"disabled", []osskit.LifecycleRule{rule("e", "", func(r *osskit.LifecycleRule) { expireDays(1)(r); r.Status = osskit.RuleDisabled })}, std("a", 1, 5), -1, None, "", time.Time{}, false},
		// PutBucketLifecycle: CreatedBeforeDate selects data modified before the date.
		{"created before: older", []osskit.LifecycleRule{rule("d", "", func(r *osskit.LifecycleRule) {
			r.Expiration = &osskit.Expiration{CreatedBeforeDate: daysAgo(100)}
		})}, std("a", 1, 200), 0, Expire, "", now, false},
		{"created before: newer", []osskit.LifecycleRule{rule("d", "", func(r *osskit.LifecycleRule) {
			r.Expiration = &osskit.Expiration{CreatedBeforeDate: daysAgo(100)}
		})}, std("a", 1, 50), -1, None, "", time.Time{}, false},
		// Transitions: earliest first.
		{"transition IA then Archive", []osskit.LifecycleRule{rule("t", "", func(r *osskit.LifecycleRule) { toClass(30, osskit.IA)(r); toClass(90, osskit.Archive)(r) })},
			std("a", 1<<20, 10), 0, Transition, osskit.IA, daysAgo(10).Add(30 * day), false},
		// Lifecycle rules.md "Matching logic": data never goes back to a warmer class.
		{"IA object skips IA transition", []osskit.LifecycleRule{rule("t", "", func(r *osskit.LifecycleRule) { toClass(30, osskit.IA)(r); toClass(90, osskit.Archive)(r) })},
			Object{Key: "a", Size: 1 << 20, Class: osskit.IA, LastModified: daysAgo(40), TagsKnown: true}, 0, Transition, osskit.Archive, daysAgo(40).Add(90 * day), false},
		{"archive stays", []osskit.LifecycleRule{rule("t", "", toClass(30, osskit.IA))},
			Object{Key: "a", Size: 1, Class: osskit.Archive, LastModified: daysAgo(40), TagsKnown: true}, -1, None, "", time.Time{}, false},
		// Lifecycle rules.md: on the same day a delete beats a transition.
		{"delete beats transition", []osskit.LifecycleRule{rule("t", "", toClass(30, osskit.IA)), rule("e", "x", expireDays(30))},
			std("x1", 1<<20, 1), 1, Expire, "", daysAgo(1).Add(30 * day), false},
		// Tags at rule level are AND-ed with Prefix (PutBucketLifecycle).
		{"tag match", []osskit.LifecycleRule{rule("g", "", func(r *osskit.LifecycleRule) {
			expireDays(5)(r)
			r.Tags = []osskit.Tag{{Key: "k", Value: "v"}}
		})}, Object{Key: "a", Tags: []osskit.Tag{{Key: "k", Value: "v"}}, TagsKnown: true, LastModified: daysAgo(1)}, 0, Expire, "", daysAgo(1).Add(5 * day), false},
		{"tag missing", []osskit.LifecycleRule{rule("g", "", func(r *osskit.LifecycleRule) {
			expireDays(5)(r)
			r.Tags = []osskit.Tag{{Key: "k", Value: "v"}}
		})}, Object{Key: "a", Tags: []osskit.Tag{{Key: "k", Value: "w"}}, TagsKnown: true, LastModified: daysAgo(1)}, -1, None, "", time.Time{}, false},
		{"tags unknown", []osskit.LifecycleRule{rule("g", "", func(r *osskit.LifecycleRule) {
			expireDays(5)(r)
			r.Tags = []osskit.Tag{{Key: "k", Value: "v"}}
		})}, Object{Key: "a", LastModified: daysAgo(1)}, -1, None, "", time.Time{}, true},
		// Filter/Not (0014-00000035): exclusions under the rule prefix.
		{"not prefix excludes", []osskit.LifecycleRule{rule("n", "logs/", func(r *osskit.LifecycleRule) {
			expireDays(5)(r)
			r.Not = []osskit.RuleNot{{Prefix: "logs/keep/"}}
		})}, std("logs/keep/a", 1, 1), -1, None, "", time.Time{}, false},
		{"not prefix+tag needs tag", []osskit.LifecycleRule{rule("n", "logs/", func(r *osskit.LifecycleRule) {
			expireDays(5)(r)
			r.Not = []osskit.RuleNot{{Prefix: "logs/keep/", Tag: &osskit.Tag{Key: "hold", Value: "yes"}}}
		})}, std("logs/keep/a", 1, 1), 0, Expire, "", daysAgo(1).Add(5 * day), false},
		// Size filters are strict bounds (0014-00000041).
		{"size > bound excludes equal", []osskit.LifecycleRule{rule("s", "", func(r *osskit.LifecycleRule) {
			expireDays(5)(r)
			r.ObjectSizeGreaterThan = i64(100)
		})}, std("a", 100, 1), -1, None, "", time.Time{}, false},
		{"size < bound includes smaller", []osskit.LifecycleRule{rule("s", "", func(r *osskit.LifecycleRule) {
			expireDays(5)(r)
			r.ObjectSizeLessThan = i64(100)
		})}, std("a", 99, 1), 0, Expire, "", daysAgo(1).Add(5 * day), false},
		// AllowSmallFile=false keeps objects < 64 KB in place (0014-00000054).
		{"small file kept", []osskit.LifecycleRule{rule("a", "", func(r *osskit.LifecycleRule) {
			r.Transitions = []osskit.Transition{{Days: 30, StorageClass: osskit.IA, AllowSmallFile: &f}}
		})}, std("a", 1000, 100), -1, None, "", time.Time{}, false},
		// IsAccessTime: counted from last access, which starts at AtimeBase (PutBucketAccessMonitor).
		{"atime from base", []osskit.LifecycleRule{rule("a", "", func(r *osskit.LifecycleRule) {
			r.Transitions = []osskit.Transition{{Days: 30, StorageClass: osskit.IA, IsAccessTime: true}}
			r.AtimeBase = daysAgo(20)
		})}, std("a", 1<<20, 100), 0, Transition, osskit.IA, daysAgo(20).Add(30 * day), false},
		// Noncurrent actions count from when the version stopped being current.
		{"noncurrent expiry", []osskit.LifecycleRule{rule("v", "", func(r *osskit.LifecycleRule) {
			expireDays(1000)(r)
			r.NoncurrentVersionExpiration = &osskit.NoncurrentVersionExpiration{NoncurrentDays: 10}
		})}, Object{Key: "a", Class: osskit.Standard, LastModified: daysAgo(300), NoncurrentSince: daysAgo(2), TagsKnown: true}, 0, ExpireNoncurrent, "", daysAgo(2).Add(10 * day), false},
		{"noncurrent transition", []osskit.LifecycleRule{rule("v", "", func(r *osskit.LifecycleRule) {
			r.NoncurrentVersionTransitions = []osskit.NoncurrentVersionTransition{{NoncurrentDays: 5, StorageClass: osskit.Archive}}
		})}, Object{Key: "a", Size: 1 << 20, Class: osskit.Standard, LastModified: daysAgo(300), NoncurrentSince: daysAgo(2), TagsKnown: true}, 0, TransitionNoncurrent, osskit.Archive, daysAgo(2).Add(5 * day), false},
		{"current rule ignores noncurrent", []osskit.LifecycleRule{rule("e", "", expireDays(1))},
			Object{Key: "a", LastModified: daysAgo(300), NoncurrentSince: daysAgo(2), TagsKnown: true}, -1, None, "", time.Time{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := NextFor(c.rules, &c.obj, now)
			if n.Rule != c.rule || n.Action != c.action || n.Class != c.class || !n.Due.Equal(c.due) || n.TagDependent != c.tagDep {
				t.Errorf("NextFor = rule %d %v %q due %v tagDep %v; want rule %d %v %q due %v tagDep %v",
					n.Rule, n.Action, n.Class, n.Due, n.TagDependent, c.rule, c.action, c.class, c.due, c.tagDep)
			}
		})
	}
}

// AbortMultipartUpload counts from initiation (PutBucketLifecycle); only
// the key selects an upload.
func TestNextUpload(t *testing.T) {
	rs := []osskit.LifecycleRule{
		rule("a", "big/", func(r *osskit.LifecycleRule) { r.AbortMultipartUpload = &osskit.AbortMultipartUpload{Days: 7} }),
		rule("b", "", func(r *osskit.LifecycleRule) {
			r.AbortMultipartUpload = &osskit.AbortMultipartUpload{CreatedBeforeDate: daysAgo(30)}
		}),
	}
	cases := []struct {
		key       string
		initiated time.Time
		rule      int
		due       time.Time
	}{
		{"big/x", daysAgo(1), 0, daysAgo(1).Add(7 * day)},
		{"big/x", daysAgo(40), 0, now}, // both due now; the first rule wins the tie
		{"other", daysAgo(40), 1, now},
		{"other", daysAgo(10), -1, time.Time{}},
	}
	for _, c := range cases {
		n := NextUpload(rs, c.key, c.initiated, now)
		if n.Rule != c.rule || !n.Due.Equal(c.due) {
			t.Errorf("NextUpload(%s, %v) = rule %d due %v; want rule %d due %v", c.key, c.initiated, n.Rule, n.Due, c.rule, c.due)
		}
	}
}

// ExpiredObjectDeleteMarker (PutBucketLifecycle) removes markers left alone.
func TestRemovesDeleteMarker(t *testing.T) {
	rs := []osskit.LifecycleRule{
		rule("off", "", func(r *osskit.LifecycleRule) {
			r.Status = osskit.RuleDisabled
			r.Expiration = &osskit.Expiration{ExpiredObjectDeleteMarker: true}
		}),
		rule("m", "docs/", func(r *osskit.LifecycleRule) { r.Expiration = &osskit.Expiration{ExpiredObjectDeleteMarker: true} }),
	}
	if got := RemovesDeleteMarker(rs, "docs/a"); got != 1 {
		t.Errorf("RemovesDeleteMarker(docs/a) = %d; want 1", got)
	}
	if got := RemovesDeleteMarker(rs, "img/a"); got != -1 {
		t.Errorf("RemovesDeleteMarker(img/a) = %d; want -1 (only a disabled rule covers it)", got)
	}
}
