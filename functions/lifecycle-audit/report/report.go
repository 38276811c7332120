// Package report renders one bucket's audit as a versioned JSON document,
// Storage Lens-shaped CSV rows and a self-contained HTML page with inline
// SVG charts. It is pure: rendering writes to an io.Writer.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// Schema names this report format. Fields are only ever added under the
// same name; a change in meaning gets a new version.
const Schema = "ossflow.lifecycle-audit/v1"

// MaxHistory is how many past points the trend keeps.
const MaxHistory = 60

// Report is one bucket's audit.
type Report struct {
	Schema      string    `json:"schema"`
	Bucket      string    `json:"bucket"`
	GeneratedAt time.Time `json:"generatedAt"`
	// Date is GeneratedAt's UTC day, YYYY-MM-DD: the report's file name.
	Date string `json:"date"`
	// Source is "listing" or "inventory" (with the manifest's scan time).
	Source         string               `json:"source"`
	InventoryTaken time.Time            `json:"inventoryTaken,omitzero"`
	Prefixes       []string             `json:"prefixes,omitempty"`
	Versioning     string               `json:"versioning"`
	LifecycleRules int                  `json:"lifecycleRules"`
	Currency       string               `json:"currency"`
	PriceSource    string               `json:"priceSource,omitempty"`
	Totals         Totals               `json:"totals"`
	Classes        []findings.ClassCost `json:"classes"`
	Groups         []inventory.Group    `json:"groups"`
	Uploads        inventory.Uploads    `json:"uploads"`
	Restored       inventory.Cell       `json:"restored"`
	Stat           *StatCheck           `json:"stat,omitempty"`
	Findings       []findings.Finding   `json:"findings"`
	// History holds this and earlier reports' totals, oldest first, for
	// the trend chart; it is carried forward from the previous report.
	History []Point `json:"history"`
	// RecommendedLifecycle is a <LifecycleConfiguration> the user can
	// apply: the bucket's rules plus the actions the findings call for.
	RecommendedLifecycle string `json:"recommendedLifecycleXml,omitempty"`
}

// Totals are bucket-wide figures.
type Totals struct {
	Objects              int64 `json:"objects"`
	Bytes                int64 `json:"bytes"`
	BilledBytes          int64 `json:"billedBytes"`
	NoncurrentVersions   int64 `json:"noncurrentVersions"`
	NoncurrentBytes      int64 `json:"noncurrentBytes"`
	DeleteMarkers        int64 `json:"deleteMarkers"`
	ExpiredDeleteMarkers int64 `json:"expiredDeleteMarkers"`
	// MonthlyCost sums the classes with a known price; Unpriced lists the
	// classes holding data whose price the table lacks.
	MonthlyCost   *float64              `json:"monthlyCost"`
	Unpriced      []osskit.StorageClass `json:"unpriced,omitempty"`
	MonthlySaving float64               `json:"monthlySaving"`
}

// StatCheck compares the listing with GetBucketStat, which lags (OSS
// updates it asynchronously, more than an hour behind at times).
type StatCheck struct {
	ObjectCount   int64     `json:"objectCount"`
	StorageBytes  int64     `json:"storageBytes"`
	ComputedAt    time.Time `json:"computedAt"`
	ListedObjects int64     `json:"listedObjects"`
	ListedBytes   int64     `json:"listedBytes"`
}

// Point is one report's totals in the trend.
type Point struct {
	Date        string   `json:"date"`
	Bytes       int64    `json:"bytes"`
	BilledBytes int64    `json:"billedBytes"`
	MonthlyCost *float64 `json:"monthlyCost"`
}

// Build assembles a report from the audit's parts; prev (may be nil) is
// the bucket's previous report, whose history is carried forward.
func Build(bucket string, now time.Time, s inventory.Summary, classes []findings.ClassCost, fs []findings.Finding, prices osskit.PriceTable, prev *Report) Report {
	r := Report{Schema: Schema, Bucket: bucket, GeneratedAt: now.UTC(), Date: now.UTC().Format(time.DateOnly), Source: "listing",
		Currency: prices.Currency, PriceSource: prices.Source, Classes: classes, Groups: s.Groups, Uploads: s.Uploads,
		Restored: s.Restored, Findings: fs}
	if r.Groups == nil {
		r.Groups = []inventory.Group{}
	}
	if r.Findings == nil {
		r.Findings = []findings.Finding{}
	}
	t := &r.Totals
	t.DeleteMarkers, t.ExpiredDeleteMarkers = s.DeleteMarkers, s.ExpiredDeleteMarkers
	for _, g := range s.Groups {
		if g.Noncurrent {
			t.NoncurrentVersions += g.Count
			t.NoncurrentBytes += g.Bytes
		} else {
			t.Objects += g.Count
		}
		t.Bytes += g.Bytes
		t.BilledBytes += g.BilledBytes
	}
	var cost float64
	for _, c := range classes {
		if c.MonthlyCost != nil {
			cost += *c.MonthlyCost
		} else if c.Current.Count+c.Noncurrent.Count > 0 {
			t.Unpriced = append(t.Unpriced, c.Class)
		}
	}
	t.MonthlyCost = &cost
	for _, f := range fs {
		if f.MonthlySaving != nil {
			t.MonthlySaving += *f.MonthlySaving
		}
	}
	if prev != nil {
		for _, p := range prev.History {
			if p.Date < r.Date {
				r.History = append(r.History, p)
			}
		}
	}
	r.History = append(r.History, Point{Date: r.Date, Bytes: t.Bytes, BilledBytes: t.BilledBytes, MonthlyCost: t.MonthlyCost})
	if n := len(r.History); n > MaxHistory {
		r.History = r.History[n-MaxHistory:]
	}
	return r
}

// WriteJSON writes r as indented JSON.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("encode report %s: %w", r.Bucket, err)
	}
	return nil
}

// ParseJSON reads a report written by WriteJSON. A document of another
// schema, or not JSON, returns an *osskit.Error of kind ErrInvalidArgument.
func ParseJSON(data []byte) (Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return Report{}, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ParseReport", Err: fmt.Errorf("decode JSON: %v", err)}
	}
	if r.Schema != Schema {
		return Report{}, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ParseReport", Err: fmt.Errorf("schema %q; want %q", r.Schema, Schema)}
	}
	return r, nil
}

// Summary is the report as one log line's worth of fields.
func (r *Report) Summary() string {
	cost := "unknown"
	if c := r.Totals.MonthlyCost; c != nil {
		cost = money(*c) + " " + r.Currency + "/month"
	}
	for i, c := range r.Totals.Unpriced {
		if i == 0 {
			cost += " excluding"
		}
		cost += " " + string(c)
	}
	sev := map[findings.Severity]int{}
	for _, f := range r.Findings {
		sev[f.Severity]++
	}
	return fmt.Sprintf("bucket %s: %d objects, %d bytes (%d billed), %d noncurrent versions, %d uploads; cost %s; findings high=%d medium=%d low=%d info=%d; possible saving %s %s/month",
		r.Bucket, r.Totals.Objects, r.Totals.Bytes, r.Totals.BilledBytes, r.Totals.NoncurrentVersions, r.Uploads.Count, cost,
		sev[findings.High], sev[findings.Medium], sev[findings.Low], sev[findings.Info], money(r.Totals.MonthlySaving), r.Currency)
}
