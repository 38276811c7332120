package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/report"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/rules"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// CheckpointSchema names the checkpoint format.
const CheckpointSchema = "ossflow.lifecycle-audit.checkpoint/v1"

// state is one bucket's audit in progress; a checkpoint is its JSON.
type state struct {
	Schema string `json:"schema"`
	Bucket string `json:"bucket"`
	// Now is the audit time: a resumed audit keeps it, so ages and due
	// dates stay consistent across invocations.
	Now             time.Time              `json:"now"`
	Prefixes        []string               `json:"prefixes,omitempty"`
	Rules           []osskit.LifecycleRule `json:"rules"`
	RulesUnknown    bool                   `json:"rulesUnknown"`
	Versioning      osskit.Versioning      `json:"versioning"`
	VersioningKnown bool                   `json:"versioningKnown"`
	Source          string                 `json:"source"`
	InventoryTaken  time.Time              `json:"inventoryTaken,omitzero"`
	Complete        bool                   `json:"complete"`
	Started         bool                   `json:"started"`
	Extra           []findings.Finding     `json:"extra,omitempty"`
	Pending         []inventory.Position   `json:"pending,omitempty"`
	Summary         inventory.Summary      `json:"summary"`
	bucket          osskit.Bucket
}

// start reads the bucket's configuration; failures become findings.
func (a *Auditor) start(ctx context.Context, b osskit.Bucket, prefixes []string, now time.Time) *state {
	st := &state{Schema: CheckpointSchema, Bucket: b.String(), bucket: b, Now: now, Prefixes: prefixes, Source: "listing"}
	var err error
	if st.Rules, err = a.store.GetBucketLifecycle(ctx, b); err != nil {
		st.RulesUnknown = true
		st.Extra = append(st.Extra, findings.Failed("lifecycle configuration", err))
	}
	if st.Versioning, err = a.store.GetBucketVersioning(ctx, b); err != nil {
		st.Extra = append(st.Extra, findings.Failed("versioning state", err))
	} else {
		st.VersioningKnown = true
	}
	return st
}

func (a *Auditor) options(st *state) inventory.Options {
	return inventory.Options{Now: st.Now, PrefixDepth: a.cfg.PrefixDepth, MaxPrefixes: a.cfg.MaxPrefixes,
		Rules: st.Rules, UncoveredAge: time.Duration(a.cfg.UncoveredDays) * 24 * time.Hour}
}

// count continues st's counting into agg until done or stop: from the
// latest inventory when configured (read whole, never checkpointed), else
// by listing. It leaves unfinished listings in st.Pending.
func (a *Auditor) count(ctx context.Context, st *state, agg *inventory.Aggregator, stop func() bool) {
	if !st.Started && a.cfg.UseInventory && len(st.Prefixes) == 0 {
		part := agg.Empty()
		m, err := a.fromInventory(ctx, st.bucket, st.Versioning, part)
		if err == nil {
			agg.Merge(part)
			st.Source, st.InventoryTaken, st.Started = "inventory", m.Created(), true
			st.Pending = []inventory.Position{{Kind: inventory.KindUploads}}
		} else {
			st.Extra = append(st.Extra, findings.Failed("bucket inventory", err))
		}
	}
	l := inventory.Listers{Objects: a.store, Versions: a.store, Uploads: a.store}
	opts := inventory.ScanOptions{Prefixes: st.Prefixes, Versions: st.Versioning != osskit.VersioningOff, Parallel: a.cfg.Parallel, Stop: stop}
	if st.Started {
		opts.Resume = st.Pending
		if len(opts.Resume) == 0 {
			return
		}
	}
	st.Started = true
	pending, err := inventory.Scan(ctx, l, st.bucket, opts, agg)
	st.Pending = pending
	if err != nil {
		st.Extra = append(st.Extra, findings.Unreadable(st.Bucket, err))
		st.Pending, st.Complete = nil, false
		return
	}
	st.Complete = true
}

// aggregator returns st's aggregator: empty for a fresh audit, rebuilt
// from the summary for a resumed one; false when the summary cannot be
// continued with these options.
func (a *Auditor) aggregator(st *state) (*inventory.Aggregator, bool) {
	if st.Started {
		agg, err := inventory.Restore(a.options(st), st.Summary)
		return agg, err == nil
	}
	agg, err := inventory.New(a.options(st))
	return agg, err == nil
}

// finish turns a completed count into the report.
func (a *Auditor) finish(ctx context.Context, st *state, agg *inventory.Aggregator, prev *report.Report) report.Report {
	sum := agg.Summary()
	complete := st.Complete && len(st.Prefixes) == 0
	in := findings.Input{Rules: st.Rules, RulesUnknown: st.RulesUnknown, Versioning: st.Versioning,
		VersioningKnown: st.VersioningKnown, Summary: sum, Prices: a.cfg.Prices, CompleteListing: complete, UncoveredDays: a.cfg.UncoveredDays}
	all := append(st.Extra, findings.Analyze(in)...)
	r := report.Build(st.Bucket, st.Now, sum, findings.Costs(sum, a.cfg.Prices), all, a.cfg.Prices, prev)
	if rec := findings.Recommend(in); rec != nil {
		if x, err := rules.MarshalXML(rec); err == nil {
			r.RecommendedLifecycle = string(x)
		}
	}
	r.Source, r.InventoryTaken, r.Prefixes = st.Source, st.InventoryTaken, st.Prefixes
	r.Versioning, r.LifecycleRules = string(st.Versioning), len(st.Rules)
	if s, err := a.store.GetBucketStat(ctx, st.bucket); err == nil {
		r.Stat = &report.StatCheck{ObjectCount: s.ObjectCount, StorageBytes: s.StorageBytes, ComputedAt: s.LastModified,
			ListedObjects: r.Totals.Objects, ListedBytes: r.Totals.Bytes}
		if complete && s.ObjectCount != r.Totals.Objects {
			r.Findings = append(r.Findings, findings.Finding{Code: findings.StatMismatch, Severity: findings.Info,
				Message: fmt.Sprintf("GetBucketStat reports %d objects, the %s counted %d", s.ObjectCount, st.Source, r.Totals.Objects),
				Evidence: map[string]any{"statObjects": s.ObjectCount, "statBytes": s.StorageBytes, "countedObjects": r.Totals.Objects,
					"countedBytes": r.Totals.Bytes, "statComputedAt": s.LastModified},
				Assumptions: []string{"GetBucketStat is updated asynchronously and may lag by more than an hour (GetBucketStat reference)"}})
		}
	}
	return r
}
