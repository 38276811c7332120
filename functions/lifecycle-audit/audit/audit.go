package audit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/report"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// Store is the object-store surface the audit needs: read-only on the
// audited buckets (list, get configuration, get inventory files) plus
// PutObject on the report bucket.
type Store interface {
	osskit.PageLister
	osskit.VersionLister
	osskit.UploadLister
	osskit.BucketInspector
	osskit.ObjectGetter
	osskit.ObjectPutter
}

// Auditor audits buckets and writes their reports.
type Auditor struct {
	store Store
	cfg   Config
}

// New returns an Auditor; an invalid config returns its Validate error.
func New(store Store, cfg Config) (*Auditor, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Auditor{store: store, cfg: cfg}, nil
}

// Tick handles a timer firing or an on-demand invoke: the tick's payload
// may name buckets and prefixes (Request), otherwise the config's are
// used. A bad payload is an Invalid fault (dropped, not retried).
func (a *Auditor) Tick(ctx context.Context, t events.Tick) error {
	req, err := ParseRequest(t.Payload)
	if err != nil {
		return err
	}
	now := t.Time
	if now.IsZero() {
		now = time.Now()
	}
	_, err = a.Run(ctx, req, now.UTC())
	return err
}

// Run audits every requested bucket at now, writes each report and logs a
// one-line summary per bucket. A bucket that cannot be read becomes a
// finding in its report; Run fails only when reports cannot be written,
// after trying every bucket, returning the joined errors.
func (a *Auditor) Run(ctx context.Context, req Request, now time.Time) ([]report.Report, error) {
	buckets, prefixes := req.Buckets, req.Prefixes
	if len(buckets) == 0 {
		buckets = a.cfg.Buckets
	}
	if len(prefixes) == 0 {
		prefixes = a.cfg.Prefixes
	}
	if len(buckets) == 0 {
		return nil, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "audit", Err: errors.New("no bucket to audit: set " + EnvBuckets + " or name buckets in the payload")}
	}
	log := zerolog.Ctx(ctx)
	var out []report.Report
	var errs []error
	for _, name := range buckets {
		b, err := osskit.NewBucket(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		prev := a.previous(ctx, b, now)
		r := a.Audit(ctx, b, prefixes, now, prev)
		keys, err := a.write(ctx, &r)
		if err != nil {
			errs = append(errs, err)
		}
		log.Info().Str("bucket", name).Strs("reports", keys).Msg(r.Summary())
		out = append(out, r)
	}
	return out, errors.Join(errs...)
}

// Audit builds one bucket's report. It does not fail: what cannot be read
// becomes a finding.
func (a *Auditor) Audit(ctx context.Context, b osskit.Bucket, prefixes []string, now time.Time, prev *report.Report) report.Report {
	var extra []findings.Finding
	rules, err := a.store.GetBucketLifecycle(ctx, b)
	rulesUnknown := err != nil
	if err != nil {
		extra = append(extra, findings.Failed("lifecycle configuration", err))
	}
	versioning, err := a.store.GetBucketVersioning(ctx, b)
	versioningKnown := err == nil
	if err != nil {
		extra = append(extra, findings.Failed("versioning state", err))
	}
	agg, err := inventory.New(inventory.Options{Now: now, PrefixDepth: a.cfg.PrefixDepth, MaxPrefixes: a.cfg.MaxPrefixes,
		Rules: rules, UncoveredAge: time.Duration(a.cfg.UncoveredDays) * 24 * time.Hour})
	if err != nil {
		// Options come from a validated config, so this is a bug; report it
		// in the bucket's report rather than crash the run.
		agg, _ = inventory.New(inventory.Options{Now: now})
		extra = append(extra, findings.Failed("audit options", err))
	}
	src, taken, complete, fs := a.count(ctx, b, prefixes, versioning, agg)
	extra = append(extra, fs...)
	sum := agg.Summary()
	all := findings.Analyze(findings.Input{Rules: rules, RulesUnknown: rulesUnknown, Versioning: versioning, VersioningKnown: versioningKnown,
		Summary: sum, Prices: a.cfg.Prices, CompleteListing: complete && len(prefixes) == 0, UncoveredDays: a.cfg.UncoveredDays})
	all = append(extra, all...)
	r := report.Build(b.String(), now, sum, findings.Costs(sum, a.cfg.Prices), all, a.cfg.Prices, prev)
	r.Source, r.InventoryTaken, r.Prefixes = src, taken, prefixes
	r.Versioning, r.LifecycleRules = string(versioning), len(rules)
	if st, err := a.store.GetBucketStat(ctx, b); err == nil {
		r.Stat = &report.StatCheck{ObjectCount: st.ObjectCount, StorageBytes: st.StorageBytes, ComputedAt: st.LastModified,
			ListedObjects: r.Totals.Objects, ListedBytes: r.Totals.Bytes}
		if complete && len(prefixes) == 0 && st.ObjectCount != r.Totals.Objects {
			r.Findings = append(r.Findings, findings.Finding{Code: findings.StatMismatch, Severity: findings.Info,
				Message: fmt.Sprintf("GetBucketStat reports %d objects, the %s counted %d", st.ObjectCount, src, r.Totals.Objects),
				Evidence: map[string]any{"statObjects": st.ObjectCount, "statBytes": st.StorageBytes, "countedObjects": r.Totals.Objects,
					"countedBytes": r.Totals.Bytes, "statComputedAt": st.LastModified},
				Assumptions: []string{"GetBucketStat is updated asynchronously and may lag by more than an hour (GetBucketStat reference)"}})
		}
	}
	return r
}

// count fills agg from the latest inventory when configured and
// available, else by listing; it reports the source, the inventory's scan
// time, whether the whole bucket was counted, and findings for failures.
func (a *Auditor) count(ctx context.Context, b osskit.Bucket, prefixes []string, v osskit.Versioning, agg *inventory.Aggregator) (string, time.Time, bool, []findings.Finding) {
	var fs []findings.Finding
	if a.cfg.UseInventory && len(prefixes) == 0 {
		part := agg.Empty()
		m, err := a.fromInventory(ctx, b, v, part)
		if err == nil {
			agg.Merge(part)
			uploads := []inventory.Position{{Kind: inventory.KindUploads}}
			if _, err := inventory.Scan(ctx, inventory.Listers{Uploads: a.store}, b, inventory.ScanOptions{Resume: uploads}, agg); err != nil {
				fs = append(fs, findings.Failed("multipart uploads", err))
			}
			return "inventory", m.Created(), true, fs
		}
		fs = append(fs, findings.Failed("bucket inventory", err))
	}
	l := inventory.Listers{Objects: a.store, Versions: a.store, Uploads: a.store}
	_, err := inventory.Scan(ctx, l, b, inventory.ScanOptions{Prefixes: prefixes, Versions: v != osskit.VersioningOff, Parallel: a.cfg.Parallel}, agg)
	if err != nil {
		return "listing", time.Time{}, false, append(fs, findings.Unreadable(b.String(), err))
	}
	return "listing", time.Time{}, true, fs
}
