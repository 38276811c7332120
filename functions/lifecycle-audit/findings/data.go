package findings

import (
	"fmt"
	"strings"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/rules"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// dataFindings are about what is stored: padding, early deletions and
// Standard data nothing moves.
func dataFindings(in Input) []Finding {
	var fs []Finding
	s, p := in.Summary, in.Prices
	padding := map[osskit.StorageClass]*inventory.Cell{}
	for _, g := range s.Groups {
		if g.BilledBytes > g.Bytes {
			c := padding[g.Class]
			if c == nil {
				c = &inventory.Cell{}
				padding[g.Class] = c
			}
			c.Count += g.Count
			c.Bytes += g.Bytes
			c.BilledBytes += g.BilledBytes
		}
	}
	for _, class := range osskit.StorageClasses {
		c := padding[class]
		if c == nil {
			continue
		}
		pad := c.BilledBytes - c.Bytes
		sev := Low
		if pad > c.Bytes {
			sev = Medium
		}
		fs = append(fs, Finding{Code: SmallObjectsCold, Severity: sev,
			Message: fmt.Sprintf("%s holds objects under 64 KB: %s billed as padding on top of the data", class, human(pad)),
			Evidence: map[string]any{"class": string(class), "paddingBytes": pad,
				"bytesInGroupsWithSmallObjects": c.Bytes, "billedBytesInGroupsWithSmallObjects": c.BilledBytes},
			MonthlyCost:    monthly(p, class, pad),
			MonthlySaving:  monthly(p, class, pad),
			Recommendation: "keep small objects in Standard: add <ObjectSizeGreaterThan>65536</ObjectSizeGreaterThan> or AllowSmallFile=false to transitions",
			Assumptions:    []string{"each object under 64 KB is billed as 64 KB in IA and colder classes (osskit billing table)"}})
	}
	for _, m := range s.SmallMoves {
		after, before := monthly(p, m.Class, m.BilledBytes), monthly(p, osskit.Standard, m.Bytes)
		fs = append(fs, Finding{Code: SmallObjectsHeading, Severity: Low,
			Message: fmt.Sprintf("lifecycle will move %d objects under 64 KB (%s) to %s, where they bill as %s",
				m.Count, human(m.Bytes), m.Class, human(m.BilledBytes)),
			Evidence:       map[string]any{"class": string(m.Class), "objects": m.Count, "bytes": m.Bytes, "billedBytesAfter": m.BilledBytes},
			MonthlyCost:    after,
			MonthlySaving:  positive(diff(after, before)),
			Recommendation: "set AllowSmallFile=false on the transition, or add <ObjectSizeGreaterThan>65536</ObjectSizeGreaterThan>",
			Assumptions:    []string{"saving compares the moved objects' cost in the colder class with keeping them in Standard; when negative the move still pays and no saving is shown"}})
	}
	for _, e := range s.Early {
		var fee *float64
		if price := p.Classes[e.Class].StoragePerGBMonth; price != nil {
			v := *price * e.ShortByteDays / 30 / gib
			fee = &v
		}
		fs = append(fs, Finding{Code: EarlyDeletion, Severity: Medium,
			Message: fmt.Sprintf("%d %s objects (%s) will be deleted or moved before their minimum storage duration ends",
				e.Count, e.Class, human(e.Bytes)),
			Evidence:       map[string]any{"class": string(e.Class), "objects": e.Count, "bytes": e.Bytes, "billedBytes": e.BilledBytes, "shortByteDays": e.ShortByteDays},
			OneTimeCost:    fee,
			Recommendation: "delay the expiry or next transition past the class's minimum duration (IA 30 d, Archive 60 d from last modification; Cold classes 180 d from transition)",
			Assumptions:    []string{"the fee is the storage price for the days still owed, a month taken as 30 days (storage fees: billed for the remaining hours)"}})
	}
	if u := s.Uncovered; u.Count > 0 && !in.RulesUnknown {
		std, ia := monthly(p, osskit.Standard, u.Bytes), monthly(p, osskit.IA, u.Bytes)
		fs = append(fs, Finding{Code: StandardNotCovered, Severity: Medium,
			Message: fmt.Sprintf("%d Standard objects (%s) are %d+ days old and no rule will transition or expire them",
				u.Count, human(u.Bytes), in.UncoveredDays),
			Evidence:       map[string]any{"objects": u.Count, "bytes": u.Bytes, "minAgeDays": in.UncoveredDays},
			MonthlyCost:    std,
			MonthlySaving:  positive(diff(std, ia)),
			Recommendation: fmt.Sprintf("add a transition to IA after %d days for the prefixes concerned", in.UncoveredDays),
			Assumptions: []string{"saving moves them to IA: data this old is rarely read, so IA retrieval fees are left out",
				"objects are at least 64 KB (no IA padding)"}})
	}
	if t := s.TagDependent; t.Count > 0 {
		fs = append(fs, Finding{Code: TagRulesNotEvaluated, Severity: Info,
			Message:  fmt.Sprintf("%d objects (%s) fall under tag-filtered rules; listings carry no tags, so those rules were not applied to them", t.Count, human(t.Bytes)),
			Evidence: map[string]any{"objects": t.Count, "bytes": t.Bytes}})
	}
	return fs
}

// ruleFindings are about the configuration itself.
func ruleFindings(in Input) []Finding {
	var fs []Finding
	for _, c := range rules.Conflicts(in.Rules) {
		fs = append(fs, Finding{Code: RuleConflict, Severity: Medium, Rule: strings.Join(c.Rules, ","),
			Message:        c.Detail,
			Evidence:       map[string]any{"problem": c.Code, "rules": c.Rules},
			Recommendation: "make the rules' prefixes disjoint or merge them; OSS rejects this configuration on the next PutBucketLifecycle"})
	}
	for _, e := range rules.EarlyDeletions(in.Rules) {
		fs = append(fs, Finding{Code: EarlyDeletionByDesign, Severity: Medium, Rule: e.Rule,
			Message:        e.Detail,
			Evidence:       map[string]any{"class": string(e.Class), "shortDays": days(e.Short)},
			Recommendation: "move the later step at least the class's minimum duration after the transition"})
	}
	for i := range in.Rules {
		r := &in.Rules[i]
		if !r.Enabled() {
			fs = append(fs, Finding{Code: DisabledRule, Severity: Info, Rule: r.ID,
				Message:  fmt.Sprintf("rule %q (prefix %q) is disabled", r.ID, r.Prefix),
				Evidence: map[string]any{"status": string(r.Status)}})
			continue
		}
		if in.CompleteListing && i < len(in.Summary.RuleKeys) && in.Summary.RuleKeys[i] == 0 {
			fs = append(fs, Finding{Code: RuleMatchesNothing, Severity: Low, Rule: r.ID,
				Message:        fmt.Sprintf("rule %q: no object, version or upload has prefix %q", r.ID, r.Prefix),
				Evidence:       map[string]any{"prefix": r.Prefix},
				Recommendation: "check the prefix for a typo (case, missing or extra '/'), or delete the rule"})
		}
	}
	return fs
}

func positive(p *float64) *float64 {
	if p == nil || *p <= 0 {
		return nil
	}
	return p
}
