package findings

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// prices: round numbers so expectations can be computed by hand.
func prices() osskit.PriceTable {
	f := func(v float64) *float64 { return &v }
	return osskit.PriceTable{Currency: "CNY", Classes: map[osskit.StorageClass]osskit.ClassPrices{
		osskit.Standard: {StoragePerGBMonth: f(0.12)}, osskit.IA: {StoragePerGBMonth: f(0.08)},
		osskit.Archive: {StoragePerGBMonth: f(0.03)}, osskit.ColdArchive: {StoragePerGBMonth: f(0.015)},
	}}
}

var (
	abortAll  = osskit.LifecycleRule{ID: "abort", Status: osskit.RuleEnabled, AbortMultipartUpload: &osskit.AbortMultipartUpload{Days: 7}}
	noncurExp = osskit.LifecycleRule{ID: "nc", Status: osskit.RuleEnabled, Prefix: "", NoncurrentVersionExpiration: &osskit.NoncurrentVersionExpiration{NoncurrentDays: 30}}
)

func group(prefix string, nc bool, class osskit.StorageClass, band string, n, bytes, billed int64) inventory.Group {
	return inventory.Group{Prefix: prefix, Noncurrent: nc, Class: class, Band: band, Cell: inventory.Cell{Count: n, Bytes: bytes, BilledBytes: billed}}
}

func byCode(fs []Finding, code string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

func near(p *float64, want float64) bool { return p != nil && math.Abs(*p-want) < 1e-9 }

// Each case builds the smallest input that should (or should not) raise
// one code, and checks its figures.
func TestAnalyze(t *testing.T) {
	cases := []struct {
		name  string
		in    Input
		code  string
		count int
		check func(t *testing.T, f Finding)
	}{
		{"no lifecycle", Input{Summary: inventory.Summary{Groups: []inventory.Group{group("", false, osskit.Standard, "0-30", 2, 10, 10)}}}, NoLifecycle, 1,
			func(t *testing.T, f Finding) {
				if f.Evidence["objects"] != int64(2) {
					t.Errorf("objects = %v; want 2", f.Evidence["objects"])
				}
			}},
		{"lifecycle present", Input{Rules: []osskit.LifecycleRule{abortAll}}, NoLifecycle, 0, nil},
		{"no abort rule, stale bytes known", Input{Summary: inventory.Summary{Uploads: inventory.Uploads{Count: 3, Stale: 2, Bytes: 3 * gib, StaleBytes: 2 * gib, BytesKnown: true}}}, NoAbortMPU, 1,
			func(t *testing.T, f Finding) {
				if f.Severity != Medium || !near(f.MonthlyCost, 0.36) || !near(f.MonthlySaving, 0.24) {
					t.Errorf("finding = %s cost %v saving %v; want medium, 0.36, 0.24", f.Severity, deref(f.MonthlyCost), deref(f.MonthlySaving))
				}
			}},
		{"no abort rule, bytes unknown", Input{Summary: inventory.Summary{Uploads: inventory.Uploads{Count: 1}}}, NoAbortMPU, 1,
			func(t *testing.T, f Finding) {
				if f.Severity != Low || f.MonthlyCost != nil {
					t.Errorf("finding = %s cost %v; want low with no cost", f.Severity, deref(f.MonthlyCost))
				}
			}},
		{"abort rule present", Input{Rules: []osskit.LifecycleRule{abortAll}}, NoAbortMPU, 0, nil},
		{"disabled abort rule does not count", Input{Rules: []osskit.LifecycleRule{{ID: "x", Status: osskit.RuleDisabled, AbortMultipartUpload: &osskit.AbortMultipartUpload{Days: 1}}}}, NoAbortMPU, 1, nil},
		{"versioning without noncurrent expiry", Input{VersioningKnown: true, Versioning: osskit.VersioningEnabled, Summary: inventory.Summary{Groups: []inventory.Group{
			group("", true, osskit.Standard, "0-30", 1, gib, gib), group("", true, osskit.IA, "90-180", 1, gib, gib)}}}, NoncurrentNoExpiration, 1,
			func(t *testing.T, f Finding) {
				if f.Severity != High || !near(f.MonthlyCost, 0.20) || !near(f.MonthlySaving, 0.08) {
					t.Errorf("finding = %s cost %v saving %v; want high, 0.20, 0.08", f.Severity, deref(f.MonthlyCost), deref(f.MonthlySaving))
				}
			}},
		{"versioning off", Input{VersioningKnown: true}, NoncurrentNoExpiration, 0, nil},
		{"versioning unknown", Input{Versioning: osskit.VersioningEnabled}, NoncurrentNoExpiration, 0, nil},
		{"noncurrent expiry present", Input{VersioningKnown: true, Versioning: osskit.VersioningSuspended, Rules: []osskit.LifecycleRule{noncurExp}}, NoncurrentNoExpiration, 0, nil},
		{"expired markers kept", Input{Summary: inventory.Summary{DeleteMarkers: 5, ExpiredDeleteMarkers: 3, MarkersRemovable: 1}}, ExpiredMarkersKept, 1,
			func(t *testing.T, f Finding) {
				if f.Evidence["notRemoved"] != int64(2) {
					t.Errorf("notRemoved = %v; want 2", f.Evidence["notRemoved"])
				}
			}},
		{"expired markers all removable", Input{Summary: inventory.Summary{ExpiredDeleteMarkers: 3, MarkersRemovable: 3}}, ExpiredMarkersKept, 0, nil},
		{"small objects in IA", Input{Summary: inventory.Summary{Groups: []inventory.Group{group("", false, osskit.IA, "0-30", 16384, gib/4, gib)}}}, SmallObjectsCold, 1,
			func(t *testing.T, f Finding) {
				// padding 0.75 GiB × 0.08
				if f.Severity != Medium || !near(f.MonthlyCost, 0.06) || !near(f.MonthlySaving, 0.06) {
					t.Errorf("finding = %s cost %v; want medium, 0.06", f.Severity, deref(f.MonthlyCost))
				}
			}},
		{"no padding", Input{Summary: inventory.Summary{Groups: []inventory.Group{group("", false, osskit.IA, "0-30", 1, gib, gib)}}}, SmallObjectsCold, 0, nil},
		{"small objects heading to IA", Input{Summary: inventory.Summary{SmallMoves: []inventory.SmallMove{{Class: osskit.IA, Cell: inventory.Cell{Count: 16384, Bytes: gib / 8, BilledBytes: gib}}}}}, SmallObjectsHeading, 1,
			func(t *testing.T, f Finding) {
				// after 1 GiB × 0.08 = 0.08; staying 0.125 GiB × 0.12 = 0.015
				if !near(f.MonthlyCost, 0.08) || !near(f.MonthlySaving, 0.065) {
					t.Errorf("cost %v saving %v; want 0.08, 0.065", deref(f.MonthlyCost), deref(f.MonthlySaving))
				}
			}},
		{"early deletion", Input{Summary: inventory.Summary{Early: []inventory.Early{{Class: osskit.IA, Cell: inventory.Cell{Count: 1, Bytes: gib, BilledBytes: gib}, ShortByteDays: 15 * gib}}}}, EarlyDeletion, 1,
			func(t *testing.T, f Finding) {
				if !near(f.OneTimeCost, 0.04) { // 0.08 × 15/30
					t.Errorf("one-time cost %v; want 0.04", deref(f.OneTimeCost))
				}
			}},
		{"early deletion by design", Input{Rules: []osskit.LifecycleRule{{ID: "r", Status: osskit.RuleEnabled,
			Transitions: []osskit.Transition{{Days: 30, StorageClass: osskit.ColdArchive}}, Expiration: &osskit.Expiration{Days: 60}}}}, EarlyDeletionByDesign, 1,
			func(t *testing.T, f Finding) {
				if f.Evidence["shortDays"] != 150 || f.Rule != "r" {
					t.Errorf("evidence %v rule %q; want 150 short days for r", f.Evidence, f.Rule)
				}
			}},
		{"standard not covered", Input{UncoveredDays: 90, Summary: inventory.Summary{Uncovered: inventory.Cell{Count: 1, Bytes: gib, BilledBytes: gib}}}, StandardNotCovered, 1,
			func(t *testing.T, f Finding) {
				if !near(f.MonthlyCost, 0.12) || !near(f.MonthlySaving, 0.04) {
					t.Errorf("cost %v saving %v; want 0.12, 0.04", deref(f.MonthlyCost), deref(f.MonthlySaving))
				}
			}},
		{"all covered", Input{}, StandardNotCovered, 0, nil},
		{"conflict", Input{Rules: []osskit.LifecycleRule{
			{ID: "a", Status: osskit.RuleEnabled, Prefix: "x/", Expiration: &osskit.Expiration{Days: 3}},
			{ID: "b", Status: osskit.RuleEnabled, Prefix: "x/y", Expiration: &osskit.Expiration{Days: 5}}}}, RuleConflict, 1,
			func(t *testing.T, f Finding) {
				if f.Rule != "a,b" || !strings.Contains(f.Message, "0014-00000084") {
					t.Errorf("rule %q message %q; want a,b citing 0014-00000084", f.Rule, f.Message)
				}
			}},
		{"disabled rule", Input{Rules: []osskit.LifecycleRule{{ID: "off", Status: osskit.RuleDisabled}}}, DisabledRule, 1, nil},
		{"rule matches nothing", Input{CompleteListing: true, Rules: []osskit.LifecycleRule{abortAll, {ID: "typo", Status: osskit.RuleEnabled, Prefix: "Logs/"}},
			Summary: inventory.Summary{RuleKeys: []int64{4, 0}}}, RuleMatchesNothing, 1,
			func(t *testing.T, f Finding) {
				if f.Rule != "typo" {
					t.Errorf("rule = %q; want typo", f.Rule)
				}
			}},
		{"partial listing: no verdict", Input{Rules: []osskit.LifecycleRule{{ID: "typo", Status: osskit.RuleEnabled, Prefix: "Logs/"}},
			Summary: inventory.Summary{RuleKeys: []int64{0}}}, RuleMatchesNothing, 0, nil},
		{"rules unknown: no guess", Input{RulesUnknown: true}, NoAbortMPU, 0, nil},
		{"tag rules", Input{Summary: inventory.Summary{TagDependent: inventory.Cell{Count: 2, Bytes: 7}}}, TagRulesNotEvaluated, 1, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.in.Prices = prices()
			got := byCode(Analyze(c.in), c.code)
			if len(got) != c.count {
				t.Fatalf("%s findings = %d (%+v); want %d", c.code, len(got), got, c.count)
			}
			if c.check != nil && len(got) == 1 {
				c.check(t, got[0])
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestAnalyzeOrder(t *testing.T) {
	fs := Analyze(Input{Prices: prices(), VersioningKnown: true, Versioning: osskit.VersioningEnabled,
		Rules:   []osskit.LifecycleRule{{ID: "off", Status: osskit.RuleDisabled}},
		Summary: inventory.Summary{Groups: []inventory.Group{group("", true, osskit.Standard, "90-180", 1, gib, gib)}}})
	for i := 1; i < len(fs); i++ {
		if fs[i-1].Severity.rank() > fs[i].Severity.rank() {
			t.Errorf("finding %d (%s %s) before %d (%s %s): want most severe first", i-1, fs[i-1].Code, fs[i-1].Severity, i, fs[i].Code, fs[i].Severity)
		}
	}
}

func TestCosts(t *testing.T) {
	s := inventory.Summary{Groups: []inventory.Group{
		group("a/", false, osskit.Standard, "0-30", 1, gib, gib), group("b/", true, osskit.Standard, "0-30", 1, gib, gib),
		group("a/", false, osskit.DeepColdArchive, "0-30", 1, 1, 65536)}}
	cs := Costs(s, prices())
	if cs[0].Class != osskit.Standard || cs[0].Current.Count != 1 || cs[0].Noncurrent.Count != 1 || !near(cs[0].MonthlyCost, 0.24) {
		t.Errorf("Standard = %+v cost %v; want 1+1 objects, 0.24", cs[0], deref(cs[0].MonthlyCost))
	}
	if cs[4].Class != osskit.DeepColdArchive || cs[4].MonthlyCost != nil {
		t.Errorf("DeepColdArchive cost = %v; want nil (no price)", deref(cs[4].MonthlyCost))
	}
}

func TestErrorFindings(t *testing.T) {
	err := &osskit.Error{Kind: osskit.ErrAccessDenied, Op: "ListObjects", Bucket: "b", Code: "AccessDenied"}
	f := Unreadable("b", err)
	if f.Code != BucketUnreadable || f.Severity != High || f.Evidence["kind"] != "access denied" || !strings.Contains(f.Message, "AccessDenied") {
		t.Errorf("Unreadable = %+v", f)
	}
	if g := Failed("versioning", errors.New("boom")); g.Code != CheckFailed || g.Evidence["kind"] != "failed" {
		t.Errorf("Failed = %+v", g)
	}
}
