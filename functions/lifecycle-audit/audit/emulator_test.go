package audit

import (
	"context"
	"io"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/report"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// seeded is the audited bucket's content: every class, every age band.
var seeded = []struct {
	key   string
	size  int
	class string
	age   int
}{
	{"root.txt", 10, "Standard", 0},
	{"logs/app-1.log", 1000, "Standard", 5},
	{"logs/app-2.log", 200000, "Standard", 45},
	{"logs/old.log", 300000, "Standard", 400},
	{"logs/small-ia.log", 100, "IA", 40},
	{"media/a.jpg", 100000, "IA", 100},
	{"media/b.jpg", 2000, "Archive", 200},
	{"backup/x.tar", 1000000, "ColdArchive", 70},
	{"backup/y.tar", 50000, "DeepColdArchive", 500},
	{"data/old.bin", 5000, "Standard", 120},
	{"tmp/t.bin", 100000, "IA", 3},
}

func seedBucket(t *testing.T, e *env) {
	t.Helper()
	e.srv.MustBucket(t, "audit-data")
	e.srv.MustBucket(t, "audit-reports")
	for _, s := range seeded {
		e.seed(t, "audit-data", s.key, s.size, s.class, ago(s.age))
	}
	e.lifecycle(t, "audit-data",
		oss.LifecycleRule{ID: oss.Ptr("logs-ia"), Prefix: oss.Ptr("logs/"), Status: oss.Ptr("Enabled"),
			Transitions: []oss.LifecycleRuleTransition{{Days: oss.Ptr(int32(30)), StorageClass: oss.StorageClassIA}},
			Expiration:  &oss.LifecycleRuleExpiration{Days: oss.Ptr(int32(365))}},
		oss.LifecycleRule{ID: oss.Ptr("typo"), Prefix: oss.Ptr("Logs/"), Status: oss.Ptr("Enabled"),
			NoncurrentVersionExpiration: &oss.NoncurrentVersionExpiration{NoncurrentDays: oss.Ptr(int32(10))}},
		oss.LifecycleRule{ID: oss.Ptr("off"), Prefix: oss.Ptr("media/"), Status: oss.Ptr("Disabled"),
			Transitions: []oss.LifecycleRuleTransition{{Days: oss.Ptr(int32(30)), StorageClass: oss.StorageClassArchive}}},
		oss.LifecycleRule{ID: oss.Ptr("tmp"), Prefix: oss.Ptr("tmp/"), Status: oss.Ptr("Enabled"),
			Expiration: &oss.LifecycleRuleExpiration{Days: oss.Ptr(int32(10))}},
	)
	e.upload(t, "audit-data", "big/upload-1", ago(10))
	e.upload(t, "audit-data", "big/upload-2", ago(1))
}

func newAuditor(t *testing.T, e *env, tune func(*Config)) *Auditor {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Buckets, cfg.ReportBucket = []string{"audit-data"}, "audit-reports"
	if tune != nil {
		tune(&cfg)
	}
	a, err := New(e.store, cfg, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestEmulatorReport checks every figure against hand-computed values.
func TestEmulatorReport(t *testing.T) {
	e := newEnv(t)
	seedBucket(t, e)
	for _, parallel := range []int{1, 4} {
		a := newAuditor(t, e, func(c *Config) { c.Parallel = parallel })
		rs, err := a.Run(context.Background(), Request{}, now)
		if err != nil || len(rs) != 1 {
			t.Fatalf("Run = %d reports, %v; want 1, nil", len(rs), err)
		}
		checkSeededReport(t, rs[0])
	}
}

type cell = inventory.Cell

func checkSeededReport(t *testing.T, r report.Report) {
	t.Helper()
	want := []struct {
		prefix, class, band string
		c                   cell
	}{
		{"", "Standard", "0-30", cell{Count: 1, Bytes: 10, BilledBytes: 10}},
		{"backup/", "ColdArchive", "60-90", cell{Count: 1, Bytes: 1000000, BilledBytes: 1000000}},
		{"backup/", "DeepColdArchive", "365+", cell{Count: 1, Bytes: 50000, BilledBytes: 65536}},
		{"data/", "Standard", "90-180", cell{Count: 1, Bytes: 5000, BilledBytes: 5000}},
		{"logs/", "Standard", "0-30", cell{Count: 1, Bytes: 1000, BilledBytes: 1000}},
		{"logs/", "Standard", "30-60", cell{Count: 1, Bytes: 200000, BilledBytes: 200000}},
		{"logs/", "Standard", "365+", cell{Count: 1, Bytes: 300000, BilledBytes: 300000}},
		{"logs/", "IA", "30-60", cell{Count: 1, Bytes: 100, BilledBytes: 65536}},
		{"media/", "IA", "90-180", cell{Count: 1, Bytes: 100000, BilledBytes: 100000}},
		{"media/", "Archive", "180-365", cell{Count: 1, Bytes: 2000, BilledBytes: 65536}},
		{"tmp/", "IA", "0-30", cell{Count: 1, Bytes: 100000, BilledBytes: 100000}},
	}
	if len(r.Groups) != len(want) {
		t.Errorf("groups = %d; want %d: %+v", len(r.Groups), len(want), r.Groups)
	}
	next := map[string]string{}
	for i, w := range want {
		if i >= len(r.Groups) {
			break
		}
		g := r.Groups[i]
		if g.Prefix != w.prefix || string(g.Class) != w.class || g.Band != w.band || g.Cell != w.c {
			t.Errorf("group %d = %q %s %s %+v; want %q %s %s %+v", i, g.Prefix, g.Class, g.Band, g.Cell, w.prefix, w.class, w.band, w.c)
		}
		for _, n := range g.Next {
			next[g.Prefix+" "+g.Band+" "+string(g.Class)] = n.Rule + " " + n.Action + " " + string(n.Class) + " " + n.First.Format(time.DateOnly)
		}
	}
	wantNext := map[string]string{
		"logs/ 0-30 Standard":  "logs-ia transition IA 2026-12-17", // modified Nov 17 + 30 days
		"logs/ 30-60 Standard": "logs-ia transition IA 2026-11-22", // overdue: next run
		"logs/ 365+ Standard":  "logs-ia expire  2026-11-22",       // delete beats transition
		"logs/ 30-60 IA":       "logs-ia expire  2027-10-13",       // Oct 13 2026 + 365 days
		"tmp/ 0-30 IA":         "tmp expire  2026-11-29",           // Nov 19 + 10 days
	}
	if !mapsEqual(next, wantNext) {
		t.Errorf("next actions = %v; want %v", next, wantNext)
	}
	tt := r.Totals
	if tt.Objects != 11 || tt.Bytes != 1758110 || tt.BilledBytes != 1902618 || tt.NoncurrentVersions != 0 {
		t.Errorf("totals = %+v; want 11 objects, 1758110 bytes, 1902618 billed", tt)
	}
	// GetBucketStat cross-check: the emulator computes it exactly.
	if st := r.Stat; st == nil || st.ObjectCount != 11 || st.StorageBytes != 1758110 || st.ListedObjects != 11 {
		t.Errorf("stat = %+v; want 11 objects, 1758110 bytes, matching the listing", st)
	}
	u := r.Uploads
	if u.Count != 2 || u.Stale != 1 || !u.Oldest.Equal(ago(10)) || u.Aborted != 0 || u.BytesKnown {
		t.Errorf("uploads = %+v; want 2, 1 stale, oldest %v, bytes unknown", u, ago(10))
	}
	// Standard: 10+1000+200000+300000+5000 billed bytes at 0.12 CNY/GiB-month.
	std := r.Classes[0]
	if std.Class != osskit.Standard || std.Current.BilledBytes != 506010 || std.MonthlyCost == nil || math.Abs(*std.MonthlyCost-0.12*506010/(1<<30)) > 1e-15 {
		t.Errorf("Standard class = %+v cost %v; want 506010 billed at 0.12/GiB", std, std.MonthlyCost)
	}
	var codes []string
	for _, f := range r.Findings {
		codes = append(codes, f.Code)
		switch f.Code {
		case findings.EarlyDeletion:
			if f.Evidence["shortByteDays"] != float64(100000*20) { // tmp/t.bin: expires day 10, IA bills to day 30
				t.Errorf("early deletion evidence = %v; want 2e6 byte-days", f.Evidence)
			}
		case findings.StandardNotCovered:
			if f.Evidence["bytes"] != int64(5000) {
				t.Errorf("uncovered bytes = %v; want 5000 (data/old.bin)", f.Evidence["bytes"])
			}
		case findings.RuleMatchesNothing, findings.DisabledRule:
			if f.Rule != map[string]string{findings.RuleMatchesNothing: "typo", findings.DisabledRule: "off"}[f.Code] {
				t.Errorf("%s rule = %q", f.Code, f.Rule)
			}
		}
	}
	slices.Sort(codes)
	wantCodes := []string{findings.DisabledRule, findings.EarlyDeletion, findings.NoAbortMPU,
		findings.RuleMatchesNothing, findings.SmallObjectsHeading, findings.SmallObjectsCold, findings.SmallObjectsCold,
		findings.SmallObjectsCold, findings.StandardNotCovered}
	slices.Sort(wantCodes)
	if !slices.Equal(codes, wantCodes) {
		t.Errorf("finding codes = %v; want %v", codes, wantCodes)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// The reports land in OSS; a run the next day carries the trend forward.
func TestEmulatorReportsWrittenAndTrend(t *testing.T) {
	e := newEnv(t)
	seedBucket(t, e)
	a := newAuditor(t, e, nil)
	if _, err := a.Run(context.Background(), Request{}, now); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{"json", "csv", "html"} {
		res, err := e.sdk.GetObject(context.Background(), &oss.GetObjectRequest{Bucket: oss.Ptr("audit-reports"), Key: oss.Ptr("reports/lifecycle-audit/audit-data/2026-11-22." + ext)})
		if err != nil {
			t.Fatalf("report .%s not written: %v", ext, err)
		}
		res.Body.Close()
	}
	rs, err := a.Run(context.Background(), Request{}, now.Add(day))
	if err != nil {
		t.Fatal(err)
	}
	h := rs[0].History
	if len(h) != 2 || h[0].Date != "2026-11-22" || h[1].Date != "2026-11-23" || h[0].BilledBytes != 1902618 {
		t.Errorf("history = %+v; want 2026-11-22 (1902618 billed) then 2026-11-23", h)
	}
	res, err := e.sdk.GetObject(context.Background(), &oss.GetObjectRequest{Bucket: oss.Ptr("audit-reports"), Key: oss.Ptr("reports/lifecycle-audit/audit-data/2026-11-23.json")})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	back, err := report.ParseJSON(data)
	if err != nil || back.Totals.Objects != 11 || len(back.History) != 2 {
		t.Errorf("stored report = %+v, %v; want 11 objects and 2 history points", back.Totals, err)
	}
}

// A bucket the audit cannot read is a finding in its report, not a failure.
func TestEmulatorUnreadableBucket(t *testing.T) {
	e := newEnv(t)
	seedBucket(t, e)
	a := newAuditor(t, e, nil)
	rs, err := a.Run(context.Background(), Request{Buckets: []string{"no-such-bucket", "audit-data"}}, now)
	if err != nil || len(rs) != 2 {
		t.Fatalf("Run = %d reports, %v; want 2 reports and no error", len(rs), err)
	}
	var codes []string
	for _, f := range rs[0].Findings {
		codes = append(codes, f.Code)
	}
	if !slices.Contains(codes, findings.BucketUnreadable) {
		t.Errorf("missing-bucket findings = %v; want %s", codes, findings.BucketUnreadable)
	}
	if rs[1].Totals.Objects != 11 {
		t.Errorf("second bucket objects = %d; want 11 (audit continued)", rs[1].Totals.Objects)
	}
}
