package audit

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/report"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// maxReportSize bounds a previous report read back for the trend.
const maxReportSize = 64 << 20

// reportDir is where a bucket's reports live: <ReportPrefix>/<bucket>/.
func (a *Auditor) reportDir(b osskit.Bucket) string {
	p := a.cfg.ReportPrefix
	if p != "" {
		p += "/"
	}
	return p + b.String() + "/"
}

// output is one rendering of a report.
type output struct {
	ext, contentType string
	render           func(*bytes.Buffer, *report.Report) error
}

// write stores r as <dir>/<date>.json, .csv and .html (and .lifecycle.xml
// when there is a recommendation) and returns the keys.
func (a *Auditor) write(ctx context.Context, r *report.Report) ([]string, error) {
	dest, err := osskit.NewBucket(a.cfg.ReportBucket)
	if err != nil {
		return nil, err
	}
	b, _ := osskit.NewBucket(r.Bucket)
	base := a.reportDir(b) + r.Date
	outputs := []output{
		{".json", "application/json", func(w *bytes.Buffer, r *report.Report) error { return report.WriteJSON(w, r) }},
		{".csv", "text/csv; charset=utf-8", func(w *bytes.Buffer, r *report.Report) error { return report.WriteCSV(w, r) }},
		{".html", "text/html; charset=utf-8", func(w *bytes.Buffer, r *report.Report) error { return report.WriteHTML(w, r) }},
	}
	if r.RecommendedLifecycle != "" {
		outputs = append(outputs, output{".lifecycle.xml", "application/xml", func(w *bytes.Buffer, r *report.Report) error {
			_, err := w.WriteString(r.RecommendedLifecycle)
			return err
		}})
	}
	var keys []string
	for _, o := range outputs {
		var buf bytes.Buffer
		if err := o.render(&buf, r); err != nil {
			return keys, err
		}
		key, err := osskit.NewKey(base + o.ext)
		if err != nil {
			return keys, err
		}
		if _, err := a.store.PutObject(ctx, dest, key, bytes.NewReader(buf.Bytes()), osskit.PutOptions{ContentType: o.contentType}); err != nil {
			return keys, fmt.Errorf("put report %s/%s: %w", dest, key, err)
		}
		keys = append(keys, key.String())
	}
	return keys, nil
}

// previous returns the latest JSON report of b dated before now's day, or
// nil when there is none or it cannot be read: the trend is a nicety and
// must not stop the audit.
func (a *Auditor) previous(ctx context.Context, b osskit.Bucket, now time.Time) *report.Report {
	dest, err := osskit.NewBucket(a.cfg.ReportBucket)
	if err != nil {
		return nil
	}
	dir, today := a.reportDir(b), now.UTC().Format(time.DateOnly)
	var latest string
	opts := osskit.ListOptions{Prefix: dir, MaxKeys: osskit.MaxListKeys}
	for {
		page, err := a.store.ListObjects(ctx, dest, opts)
		if err != nil {
			return nil
		}
		for _, o := range page.Objects {
			name := strings.TrimPrefix(o.Key, dir)
			if d, ok := strings.CutSuffix(name, ".json"); ok && len(d) == len(time.DateOnly) && d < today && d > latest {
				latest = d
			}
		}
		if !page.IsTruncated || page.NextContinuationToken == "" || page.NextContinuationToken == opts.ContinuationToken {
			break
		}
		opts.ContinuationToken = page.NextContinuationToken
	}
	if latest == "" {
		return nil
	}
	key, err := osskit.NewKey(dir + latest + ".json")
	if err != nil {
		return nil
	}
	body, _, err := a.store.GetObject(ctx, dest, key, osskit.GetOptions{MaxSize: maxReportSize})
	if err != nil {
		return nil
	}
	defer body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(body); err != nil {
		return nil
	}
	r, err := report.ParseJSON(buf.Bytes())
	if err != nil {
		return nil
	}
	return &r
}

// fromInventory loads the newest run of an enabled CSV inventory that
// covers the whole bucket (all versions when the bucket is versioned).
func (a *Auditor) fromInventory(ctx context.Context, b osskit.Bucket, v osskit.Versioning, agg *inventory.Aggregator) (inventory.Manifest, error) {
	cfgs, err := a.store.ListBucketInventory(ctx, b)
	if err != nil {
		return inventory.Manifest{}, fmt.Errorf("list inventories of %s: %w", b, err)
	}
	cfgs = slices.DeleteFunc(cfgs, func(c osskit.InventoryConfig) bool {
		return !c.Enabled || c.Prefix != "" || !strings.EqualFold(c.Destination.Format, "CSV") || c.MinSize > 0 || c.MaxSize > 0 ||
			len(c.StorageClassesFilter) > 0 || (v != osskit.VersioningOff && c.IncludedVersions != "All")
	})
	if len(cfgs) == 0 {
		return inventory.Manifest{}, &osskit.Error{Kind: osskit.ErrNotFound, Op: "inventory", Bucket: b.String(),
			Err: fmt.Errorf("no enabled CSV inventory covers the whole bucket")}
	}
	dest, err := osskit.NewBucket(cfgs[0].Destination.Bucket)
	if err != nil {
		return inventory.Manifest{}, err
	}
	key, err := inventory.LatestManifest(ctx, a.store, dest, inventory.InventoryRoot(cfgs[0], b))
	if err != nil {
		return inventory.Manifest{}, err
	}
	m, _, err := inventory.Load(ctx, a.store, dest, key, agg)
	return m, err
}
