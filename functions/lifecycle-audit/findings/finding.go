package findings

import (
	"cmp"
	"slices"
)

// Severity ranks findings; the JSON report spells it in lower case.
type Severity string

// Severities, most urgent first.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
	Info   Severity = "info"
)

func (s Severity) rank() int {
	switch s {
	case High:
		return 0
	case Medium:
		return 1
	case Low:
		return 2
	}
	return 3
}

// Finding codes. They are part of the report schema: never rename one.
const (
	NoLifecycle            = "NO_LIFECYCLE"
	NoAbortMPU             = "NO_ABORT_MPU_RULE"
	NoncurrentNoExpiration = "NONCURRENT_NO_EXPIRATION"
	ExpiredMarkersKept     = "EXPIRED_DELETE_MARKERS_KEPT"
	SmallObjectsCold       = "SMALL_OBJECTS_COLD"
	SmallObjectsHeading    = "SMALL_OBJECTS_HEADING_COLD"
	EarlyDeletion          = "EARLY_DELETION"
	EarlyDeletionByDesign  = "EARLY_DELETION_BY_DESIGN"
	RuleConflict           = "RULE_CONFLICT"
	DisabledRule           = "DISABLED_RULE"
	StandardNotCovered     = "STANDARD_NOT_COVERED"
	RuleMatchesNothing     = "RULE_MATCHES_NOTHING"
	TagRulesNotEvaluated   = "TAG_RULES_NOT_EVALUATED"
	BucketUnreadable       = "BUCKET_UNREADABLE"
	CheckFailed            = "CHECK_FAILED"
	StatMismatch           = "STAT_MISMATCH"
)

// Finding is one thing worth changing (or knowing) about a bucket.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Rule is the lifecycle rule concerned, when one is.
	Rule    string `json:"rule,omitempty"`
	Message string `json:"message"`
	// Evidence holds the figures behind the finding (counts, bytes, days).
	Evidence map[string]any `json:"evidence,omitempty"`
	// MonthlyCost is what the situation costs per month now; MonthlySaving
	// what the recommendation would save per month; OneTimeCost a fee
	// charged once (early deletion). In the price table's currency; nil
	// when a needed price is unknown.
	MonthlyCost   *float64 `json:"monthlyCost,omitempty"`
	MonthlySaving *float64 `json:"monthlySaving,omitempty"`
	OneTimeCost   *float64 `json:"oneTimeCost,omitempty"`
	// Recommendation says what to change.
	Recommendation string `json:"recommendation,omitempty"`
	// Assumptions behind the estimates.
	Assumptions []string `json:"assumptions,omitempty"`
}

// sortFindings orders by severity, then saving (largest first), then code.
func sortFindings(fs []Finding) {
	val := func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Severity.rank(), b.Severity.rank()),
			cmp.Compare(val(b.MonthlySaving), val(a.MonthlySaving)), cmp.Compare(a.Code, b.Code))
	})
}
