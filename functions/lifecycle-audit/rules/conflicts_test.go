package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

func codes(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// Each case cites the OSS error code whose check it mirrors.
func TestConflicts(t *testing.T) {
	cases := []struct {
		name  string
		rules []osskit.LifecycleRule
		want  []string
	}{
		{"no rules", nil, nil},
		{"disjoint prefixes", []osskit.LifecycleRule{rule("a", "logs/", expireDays(30)), rule("b", "img/", expireDays(30))}, nil},
		// 0014-00000085 + 0014-00000084
		{"same prefix", []osskit.LifecycleRule{rule("a", "logs/", expireDays(30)), rule("b", "logs/", expireDays(60))}, []string{"same-prefix", "same-action-overlap"}},
		// 0014-00000084
		{"nested same action", []osskit.LifecycleRule{rule("a", "logs/", expireDays(30)), rule("b", "logs/app/", expireDays(60))}, []string{"same-action-overlap"}},
		{"disabled rule ignored", []osskit.LifecycleRule{rule("a", "logs/", expireDays(30)),
			rule("b", "logs/", func(r *osskit.LifecycleRule) { expireDays(60)(r); r.Status = osskit.RuleDisabled })}, nil},
		// 0014-00000079
		{"same class", []osskit.LifecycleRule{rule("a", "", toClass(30, osskit.IA)), rule("b", "x/", toClass(60, osskit.IA))}, []string{"same-class-overlap"}},
		// 0014-00000080
		{"mixed days and date", []osskit.LifecycleRule{rule("a", "", toClass(30, osskit.IA)), rule("b", "x/", func(r *osskit.LifecycleRule) {
			r.Transitions = []osskit.Transition{{CreatedBeforeDate: now, StorageClass: osskit.Archive}}
		})}, []string{"mixed-days-date"}},
		// 0014-00000082: Archive must come after IA across overlapping rules.
		{"archive before IA", []osskit.LifecycleRule{rule("a", "", toClass(90, osskit.IA)), rule("b", "x/", toClass(30, osskit.Archive))}, []string{"colder-not-later"}},
		// 0014-00000082 within one rule: expiry no later than transition.
		{"expire before transition", []osskit.LifecycleRule{rule("a", "", func(r *osskit.LifecycleRule) { toClass(90, osskit.IA)(r); expireDays(60)(r) })}, []string{"expire-before-transition"}},
		{"good ladder", []osskit.LifecycleRule{rule("a", "", func(r *osskit.LifecycleRule) {
			toClass(30, osskit.IA)(r)
			toClass(90, osskit.Archive)(r)
			expireDays(365)(r)
		})}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := codes(Conflicts(c.rules))
			if !slices.Equal(got, c.want) {
				t.Errorf("Conflicts codes = %v; want %v", got, c.want)
			}
		})
	}
}

// Minimum durations: IA 30 d and Archive 60 d from Last-Modified, Cold
// Archive 180 d from the transition
// (https://www.alibabacloud.com/help/en/oss/how-can-i-avoid-the-cost-of-insufficient-storage).
func TestEarlyDeletions(t *testing.T) {
	cases := []struct {
		name  string
		rule  osskit.LifecycleRule
		class osskit.StorageClass
		short int
	}{
		{"IA then expire day 20", rule("r", "", func(r *osskit.LifecycleRule) { toClass(10, osskit.IA)(r); expireDays(20)(r) }), osskit.IA, 10},
		{"IA then expire day 45: fine", rule("r", "", func(r *osskit.LifecycleRule) { toClass(10, osskit.IA)(r); expireDays(45)(r) }), "", 0},
		{"Archive day 30, expire day 50", rule("r", "", func(r *osskit.LifecycleRule) { toClass(30, osskit.Archive)(r); expireDays(50)(r) }), osskit.Archive, 10},
		{"ColdArchive day 30, expire day 90", rule("r", "", func(r *osskit.LifecycleRule) { toClass(30, osskit.ColdArchive)(r); expireDays(90)(r) }), osskit.ColdArchive, 120},
		{"ColdArchive then DeepCold too soon", rule("r", "", func(r *osskit.LifecycleRule) {
			toClass(30, osskit.ColdArchive)(r)
			toClass(100, osskit.DeepColdArchive)(r)
		}), osskit.ColdArchive, 110},
		{"no expiry", rule("r", "", toClass(30, osskit.ColdArchive)), "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := EarlyDeletions([]osskit.LifecycleRule{c.rule})
			if c.class == "" {
				if len(got) != 0 {
					t.Errorf("EarlyDeletions = %+v; want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Class != c.class || got[0].Short != time.Duration(c.short)*day || !strings.Contains(got[0].Detail, string(c.class)) {
				t.Errorf("EarlyDeletions = %+v; want one in %s short by %d days", got, c.class, c.short)
			}
		})
	}
}
