package findings

import (
	"slices"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/rules"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// RecommendedRuleID names the rule Recommend adds.
const RecommendedRuleID = "ossflow-recommended"

// Recommend returns the bucket's rules plus one whole-bucket rule with the
// actions the findings call for and no rule provides yet: abort unfinished
// uploads after 7 days, expire noncurrent versions after 30 days, remove
// expired delete markers, and move Standard data to IA after
// UncoveredDays (small objects excluded). Each action is added only if it
// creates no conflict OSS would reject (rules.Conflicts), so the result can
// be applied as is. It returns nil when there is nothing to add or the
// rules could not be read.
func Recommend(in Input) []osskit.LifecycleRule {
	if in.RulesUnknown {
		return nil
	}
	s := in.Summary
	exists := func(has func(*osskit.LifecycleRule) bool) bool {
		return slices.ContainsFunc(in.Rules, func(r osskit.LifecycleRule) bool { return has(&r) })
	}
	no := false
	var actions []func(*osskit.LifecycleRule)
	if !exists(func(r *osskit.LifecycleRule) bool { return r.AbortMultipartUpload != nil }) {
		actions = append(actions, func(r *osskit.LifecycleRule) { r.AbortMultipartUpload = &osskit.AbortMultipartUpload{Days: 7} })
	}
	if in.VersioningKnown && in.Versioning != osskit.VersioningOff && !exists(func(r *osskit.LifecycleRule) bool { return r.NoncurrentVersionExpiration != nil }) {
		actions = append(actions, func(r *osskit.LifecycleRule) {
			r.NoncurrentVersionExpiration = &osskit.NoncurrentVersionExpiration{NoncurrentDays: 30}
		})
	}
	if s.ExpiredDeleteMarkers > s.MarkersRemovable && !exists(func(r *osskit.LifecycleRule) bool { return r.Expiration != nil }) {
		actions = append(actions, func(r *osskit.LifecycleRule) { r.Expiration = &osskit.Expiration{ExpiredObjectDeleteMarker: true} })
	}
	if s.Uncovered.Count > 0 && in.UncoveredDays > 0 {
		actions = append(actions, func(r *osskit.LifecycleRule) {
			r.Transitions = append(r.Transitions, osskit.Transition{Days: in.UncoveredDays, StorageClass: osskit.IA, AllowSmallFile: &no})
		})
	}
	base := len(rules.Conflicts(in.Rules))
	rec := osskit.LifecycleRule{ID: RecommendedRuleID, Status: osskit.RuleEnabled}
	added := 0
	for _, act := range actions {
		try := rec
		try.Transitions = slices.Clone(rec.Transitions)
		act(&try)
		if len(rules.Conflicts(append(slices.Clone(in.Rules), try))) == base {
			rec = try
			added++
		}
	}
	if added == 0 {
		return nil
	}
	return append(slices.Clone(in.Rules), rec)
}
