package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/pkg/osskit"
)

var now = time.Date(2026, 11, 22, 3, 0, 0, 0, time.UTC)

// sample is a small bucket with every kind of figure, used by all report tests.
func sample(prev *Report) Report {
	s := inventory.Summary{
		Groups: []inventory.Group{
			{Prefix: "logs/", Class: osskit.Standard, Band: "0-30", Cell: inventory.Cell{Count: 3, Bytes: 3 << 30, BilledBytes: 3 << 30},
				Next: []inventory.NextStat{{Rule: "tier", Action: "transition", Class: osskit.IA, Count: 3, Bytes: 3 << 30, First: now, Last: now.AddDate(0, 0, 9)}}},
			{Prefix: "logs/", Class: osskit.IA, Band: "90-180", Cell: inventory.Cell{Count: 2, Bytes: 1 << 30, BilledBytes: 1 << 30}},
			{Prefix: "<b>odd</b>/", Class: osskit.Archive, Band: "365+", Cell: inventory.Cell{Count: 1, Bytes: 10, BilledBytes: 65536}},
			{Prefix: "docs/", Noncurrent: true, Class: osskit.Standard, Band: "30-60", Cell: inventory.Cell{Count: 4, Bytes: 2 << 30, BilledBytes: 2 << 30}},
		},
		DeleteMarkers: 2, ExpiredDeleteMarkers: 1,
		Uploads: inventory.Uploads{Count: 2, Stale: 1, BytesKnown: false},
	}
	p := osskit.DefaultPriceTable()
	fs := findings.Analyze(findings.Input{Summary: s, Prices: p, VersioningKnown: true, Versioning: osskit.VersioningEnabled})
	r := Build("demo-bucket", now, s, findings.Costs(s, p), fs, p, prev)
	r.Versioning, r.LifecycleRules = "Enabled", 1
	return r
}

func TestBuildTotals(t *testing.T) {
	r := sample(nil)
	tt := r.Totals
	if tt.Objects != 6 || tt.NoncurrentVersions != 4 || tt.Bytes != 6<<30+10 || tt.BilledBytes != 6<<30+65536 {
		t.Errorf("totals = %+v; want 6 objects, 4 noncurrent, %d bytes, %d billed", tt, 6<<30+10, 6<<30+65536)
	}
	// Standard 5 GiB × 0.12 + IA 1 GiB × 0.08 + Archive 64 KiB × 0.033 (DefaultPriceTable).
	want := 5*0.12 + 0.08 + 0.033*65536/(1<<30)
	if tt.MonthlyCost == nil || *tt.MonthlyCost-want > 1e-12 || want-*tt.MonthlyCost > 1e-12 {
		t.Errorf("monthly cost = %v; want %v", tt.MonthlyCost, want)
	}
	if len(r.History) != 1 || r.History[0].Date != "2026-11-22" {
		t.Errorf("history = %+v; want one point for 2026-11-22", r.History)
	}
}

func TestHistoryCarriedForward(t *testing.T) {
	prev := sample(nil)
	prev.History = []Point{{Date: "2026-11-20", BilledBytes: 1}, {Date: "2026-11-21", BilledBytes: 2}, {Date: "2026-11-22", BilledBytes: 99}}
	r := sample(&prev)
	if len(r.History) != 3 || r.History[0].Date != "2026-11-20" || r.History[2].BilledBytes != r.Totals.BilledBytes {
		t.Errorf("history = %+v; want 11-20, 11-21 and today's point (a same-day point replaced)", r.History)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	r := sample(nil)
	var b bytes.Buffer
	if err := WriteJSON(&b, &r); err != nil {
		t.Fatal(err)
	}
	got, err := ParseJSON(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got.Schema != Schema || got.Totals.Objects != 6 || len(got.Groups) != 4 || len(got.Findings) != len(r.Findings) || got.Groups[0].Next[0].Rule != "tier" {
		t.Errorf("round trip = %+v", got)
	}
	for _, key := range []string{`"schema": "ossflow.lifecycle-audit/v1"`, `"ageBand": "0-30"`, `"billedBytes"`, `"monthlyCost"`, `"findings"`} {
		if !strings.Contains(b.String(), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	if _, err := ParseJSON([]byte(`{"schema":"other/v9"}`)); !errors.Is(err, osskit.ErrInvalidArgument) {
		t.Errorf("ParseJSON(other schema) = %v; want ErrInvalidArgument", err)
	}
}

func TestCSVRows(t *testing.T) {
	r := sample(nil)
	var b bytes.Buffer
	if err := WriteCSV(&b, &r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("header = %v; want %v", rows[0], CSVHeader)
	}
	find := func(class, recType, value, metric string) string {
		for _, r := range rows[1:] {
			if r[3] == class && r[4] == recType && r[5] == value && r[6] == metric {
				return r[7]
			}
		}
		return "<missing>"
	}
	checks := []struct{ class, typ, value, metric, want string }{
		{"Standard", "BUCKET", "demo-bucket", "StorageBytes", "3221225472"},
		{"Standard", "BUCKET", "demo-bucket", "NonCurrentVersionStorageBytes", "2147483648"},
		{"Archive", "BUCKET", "demo-bucket", "BilledStorageBytes", "65536"},
		{"IA", "PREFIX", "logs/|90-180", "ObjectCount", "2"},
		{"Standard", "PREFIX", "docs/|30-60", "NonCurrentVersionObjectCount", "4"},
		{"", "BUCKET", "demo-bucket", "IncompleteMPUObjectCountOlderThan7Days", "1"},
		{"", "BUCKET", "demo-bucket", "DeleteMarkerObjectCount", "2"},
		{"", "FINDING", findings.NoncurrentNoExpiration, "Severity:high", "1"},
	}
	for _, c := range checks {
		if got := find(c.class, c.typ, c.value, c.metric); got != c.want {
			t.Errorf("%s %s %s %s = %s; want %s", c.class, c.typ, c.value, c.metric, got, c.want)
		}
	}
	if find("", "BUCKET", "demo-bucket", "IncompleteMultipartUploadStorageBytes") != "<missing>" {
		t.Error("upload bytes row present although part sizes are unknown")
	}
}

func TestHTML(t *testing.T) {
	prev := sample(nil)
	prev.History = []Point{{Date: "2026-11-01", BilledBytes: 1 << 30}}
	r := sample(&prev)
	var b bytes.Buffer
	if err := WriteHTML(&b, &r); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, want := range []string{`<svg id="bands"`, `<svg id="cost"`, `<svg id="trend"`, "<polyline", "NONCURRENT_NO_EXPIRATION", "&lt;b&gt;odd&lt;/b&gt;/", "transition → IA by rule tier"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	for _, bad := range []string{"<b>odd", "<script", "http://", "https://"} {
		if strings.Contains(strings.ReplaceAll(h, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
			t.Errorf("HTML contains %q; want escaped, self-contained output", bad)
		}
	}
}

func TestMoney(t *testing.T) {
	for v, want := range map[float64]string{0: "0.00", 1.234: "1.23", 0.000456: "0.00046", 0.0000020123: "0.000002", 12: "12.00"} {
		if got := money(v); got != want {
			t.Errorf("money(%v) = %q; want %q", v, got, want)
		}
	}
}
