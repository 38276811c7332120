package findings

import (
	"fmt"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// Input is everything Analyze looks at for one bucket.
type Input struct {
	Rules []osskit.LifecycleRule
	// Versioning is the bucket's state; VersioningKnown false when it could
	// not be read (then versioning findings are skipped).
	Versioning      osskit.Versioning
	VersioningKnown bool
	Summary         inventory.Summary
	Prices          osskit.PriceTable
	// CompleteListing is true when the whole bucket was counted, so a rule
	// whose prefix matched nothing really matches nothing.
	CompleteListing bool
	// UncoveredDays is the age (days) behind Summary.Uncovered.
	UncoveredDays int
	// RulesUnknown is true when the lifecycle could not be read: findings
	// about missing rules are then skipped rather than guessed.
	RulesUnknown bool
}

const gib = 1 << 30

// Analyze returns the findings for one bucket, most severe first. It
// never fails: a figure that cannot be priced is left nil.
func Analyze(in Input) []Finding {
	var fs []Finding
	add := func(f Finding) { fs = append(fs, f) }
	s, p := in.Summary, in.Prices
	total := inventory.Cell{}
	for _, g := range s.Groups {
		total.Count += g.Count
		total.Bytes += g.Bytes
		total.BilledBytes += g.BilledBytes
	}

	if in.RulesUnknown {
		fs = append(fs, dataFindings(in)...)
		sortFindings(fs)
		return fs
	}
	if len(in.Rules) == 0 {
		add(Finding{Code: NoLifecycle, Severity: Medium,
			Message:        fmt.Sprintf("no lifecycle rules: %d objects (%s) are never transitioned or expired", total.Count, human(total.Bytes)),
			Evidence:       map[string]any{"objects": total.Count, "bytes": total.Bytes},
			Recommendation: "add rules that move ageing data to IA/Archive, abort stale multipart uploads and expire old versions"})
	}
	if !hasAction(in.Rules, func(r *osskit.LifecycleRule) bool { return r.AbortMultipartUpload != nil }) {
		u := s.Uploads
		sev := Low
		if u.Stale > 0 {
			sev = Medium
		}
		f := Finding{Code: NoAbortMPU, Severity: sev,
			Message: fmt.Sprintf("no enabled AbortMultipartUpload rule; %d unfinished uploads, %d older than 7 days", u.Count, u.Stale),
			Evidence: map[string]any{"uploads": u.Count, "staleUploads": u.Stale, "bytes": u.Bytes, "staleBytes": u.StaleBytes,
				"bytesKnown": u.BytesKnown},
			Recommendation: "add a rule with <AbortMultipartUpload><Days>7</Days></AbortMultipartUpload> on the whole bucket",
			Assumptions:    []string{"uploaded parts are billed at the Standard price"}}
		if !u.Oldest.IsZero() {
			f.Evidence["oldestUpload"] = u.Oldest
		}
		if u.BytesKnown {
			f.MonthlyCost = monthly(p, osskit.Standard, u.Bytes)
			f.MonthlySaving = monthly(p, osskit.Standard, u.StaleBytes)
		} else {
			f.Assumptions = append(f.Assumptions, "part sizes were not listed, so the bytes held are unknown (0 in evidence)")
		}
		add(f)
	}
	if in.VersioningKnown && in.Versioning != osskit.VersioningOff &&
		!hasAction(in.Rules, func(r *osskit.LifecycleRule) bool { return r.NoncurrentVersionExpiration != nil }) {
		var all, old inventory.Cell
		var cost, saving []*float64
		for _, g := range s.Groups {
			if !g.Noncurrent {
				continue
			}
			c := monthly(p, g.Class, g.BilledBytes)
			all.Count, all.Bytes = all.Count+g.Count, all.Bytes+g.Bytes
			cost = append(cost, c)
			if g.Band != inventory.Band0to30.String() {
				old.Count, old.Bytes = old.Count+g.Count, old.Bytes+g.Bytes
				saving = append(saving, c)
			}
		}
		sev := Medium
		if all.Bytes > 0 {
			sev = High
		}
		add(Finding{Code: NoncurrentNoExpiration, Severity: sev,
			Message:        fmt.Sprintf("versioning is %s but no rule expires noncurrent versions: %d versions hold %s", in.Versioning, all.Count, human(all.Bytes)),
			Evidence:       map[string]any{"versioning": string(in.Versioning), "noncurrentVersions": all.Count, "noncurrentBytes": all.Bytes, "noncurrentOver30Days": old.Count, "noncurrentBytesOver30Days": old.Bytes},
			MonthlyCost:    sum(cost...),
			MonthlySaving:  sum(saving...),
			Recommendation: "add <NoncurrentVersionExpiration><NoncurrentDays>30</NoncurrentDays></NoncurrentVersionExpiration>",
			Assumptions:    []string{"saving: versions noncurrent for 30 days or more would be deleted"}})
	}
	if kept := s.ExpiredDeleteMarkers - s.MarkersRemovable; kept > 0 {
		add(Finding{Code: ExpiredMarkersKept, Severity: Low,
			Message:        fmt.Sprintf("%d delete markers have no version left behind them and no rule removes them", kept),
			Evidence:       map[string]any{"deleteMarkers": s.DeleteMarkers, "expiredDeleteMarkers": s.ExpiredDeleteMarkers, "notRemoved": kept},
			Recommendation: "add <Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>",
			Assumptions:    []string{"delete markers hold no billed data, but many of them slow down listings (ListObjectsV2 reference)"}})
	}
	fs = append(fs, dataFindings(in)...)
	fs = append(fs, ruleFindings(in)...)
	sortFindings(fs)
	return fs
}

func hasAction(rs []osskit.LifecycleRule, has func(*osskit.LifecycleRule) bool) bool {
	for i := range rs {
		if rs[i].Enabled() && has(&rs[i]) {
			return true
		}
	}
	return false
}

// human formats bytes in binary units for messages.
func human(b int64) string {
	const unit = 1024
	if b < unit {
		return fmt.Sprintf("%d B", b)
	}
	div, exp := int64(unit), 0
	for n := b / unit; n >= unit; n /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(b)/float64(div), "KMGTPE"[exp])
}

// days renders a whole number of days for evidence.
func days(d time.Duration) int { return int(d / (24 * time.Hour)) }
