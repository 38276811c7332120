package audit

import (
	"context"
	"errors"
	"time"

	"github.com/rs/zerolog"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/functions/lifecycle-audit/report"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// Store is the object-store surface the audit needs: read-only on the
// audited buckets (list, get configuration, get inventory files) plus
// PutObject and DeleteObject under the report prefix (reports, checkpoints).
type Store interface {
	osskit.PageLister
	osskit.VersionLister
	osskit.UploadLister
	osskit.BucketInspector
	osskit.ObjectGetter
	osskit.ObjectPutter
	osskit.ObjectDeleter
}

// Auditor audits buckets and writes their reports.
type Auditor struct {
	store Store
	cfg   Config
	clock func() time.Time
}

// New returns an Auditor reading time from clock (time.Now in main; the
// audit only uses it to decide when to checkpoint). An invalid config
// returns its Validate error.
func New(store Store, cfg Config, clock func() time.Time) (*Auditor, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Auditor{store: store, cfg: cfg, clock: clock}, nil
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
		now = a.clock()
	}
	_, err = a.Run(ctx, req, now.UTC())
	return err
}

// Run audits every requested bucket at now, writes each report and logs a
// one-line summary per bucket. A bucket with a checkpoint resumes its
// interrupted audit (at that audit's time) instead of starting afresh; a
// bucket still unfinished when the time budget runs out is checkpointed
// and has no report yet. A bucket that cannot be read becomes a finding in
// its report. Run fails only when reports or checkpoints cannot be
// written, after trying every bucket, returning the joined errors.
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
	if now.IsZero() {
		now = a.clock()
	}
	log := zerolog.Ctx(ctx)
	stop := a.stopper(ctx)
	var out []report.Report
	var errs []error
	for _, name := range buckets {
		b, err := osskit.NewBucket(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		st, resumed := a.loadCheckpoint(ctx, b)
		var agg *inventory.Aggregator
		if resumed {
			if agg, resumed = a.aggregator(st); !resumed {
				// A checkpoint this configuration cannot continue: start over.
				st = nil
			}
		}
		if st == nil {
			st = a.start(ctx, b, prefixes, now)
			agg, _ = a.aggregator(st) // a fresh state always yields one
		}
		a.count(ctx, st, agg, stop)
		if len(st.Pending) > 0 {
			st.Summary = agg.Summary()
			if err := a.saveCheckpoint(ctx, st); err != nil {
				errs = append(errs, err)
				continue
			}
			log.Info().Str("bucket", name).Int("pendingListings", len(st.Pending)).Time("auditTime", st.Now).
				Msg("time budget reached: audit checkpointed, the next invocation resumes it")
			continue
		}
		r := a.finish(ctx, st, agg, a.previous(ctx, b, st.Now))
		keys, err := a.write(ctx, &r)
		if err != nil {
			errs = append(errs, err)
		} else if resumed {
			errs = append(errs, a.dropCheckpoint(ctx, b))
		}
		log.Info().Str("bucket", name).Strs("reports", keys).Msg(r.Summary())
		out = append(out, r)
	}
	return out, errors.Join(errs...)
}

// stopper returns the checkpoint test: true once MaxRunTime has passed
// since now, or within CheckpointMargin of the context's deadline (the
// function timeout), whichever comes first.
func (a *Auditor) stopper(ctx context.Context) func() bool {
	start := a.clock()
	end := start.Add(a.cfg.MaxRunTime)
	if d, ok := ctx.Deadline(); ok && d.Add(-a.cfg.CheckpointMargin).Before(end) {
		end = d.Add(-a.cfg.CheckpointMargin)
	}
	return func() bool { return !a.clock().Before(end) }
}
