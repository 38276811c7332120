package audit

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// An audit that runs out of time checkpoints; later invocations resume it
// at the original audit time, and the final report has exactly the figures
// of an uninterrupted audit. The checkpoint is then removed.
func TestCheckpointResume(t *testing.T) {
	e := newEnv(t)
	seedBucket(t, e)
	var minutes atomic.Int64
	clock := func() time.Time { return now.Add(time.Duration(minutes.Add(1)) * time.Minute) }
	cfg := DefaultConfig()
	cfg.Buckets, cfg.ReportBucket, cfg.Parallel, cfg.MaxRunTime = []string{"audit-data"}, "audit-reports", 2, 3*time.Minute
	a, err := New(e.store, cfg, clock)
	if err != nil {
		t.Fatal(err)
	}
	runs := 0
	for {
		runs++
		if runs > 20 {
			t.Fatal("audit never finished")
		}
		// Later invocations fire later; the resumed audit keeps its own time.
		rs, err := a.Run(context.Background(), Request{}, now.Add(time.Duration(runs-1)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) == 1 {
			if !rs[0].GeneratedAt.Equal(now) {
				t.Errorf("report time = %v; want the first invocation's %v", rs[0].GeneratedAt, now)
			}
			checkSeededReport(t, rs[0])
			break
		}
	}
	if runs < 3 {
		t.Errorf("finished in %d invocations; want the time budget to split it (>= 3)", runs)
	}
	b, _ := osskit.NewBucket("audit-data")
	dest, key, _ := a.checkpointKey(b)
	if _, _, err := e.store.GetObject(context.Background(), dest, key, osskit.GetOptions{MaxSize: 1 << 20}); !errors.Is(err, osskit.ErrNotFound) {
		t.Errorf("checkpoint after the report: %v; want ErrNotFound (removed)", err)
	}
}

// A checkpoint that cannot be continued is ignored: the audit starts afresh.
func TestBadCheckpointIgnored(t *testing.T) {
	for name, doc := range map[string]string{
		"not JSON":      `{`,
		"no audit time": `{"schema":"` + CheckpointSchema + `","bucket":"audit-data","started":true}`,
		"rules changed": `{"schema":"` + CheckpointSchema + `","bucket":"audit-data","started":true,"now":"2026-11-01T00:00:00Z","summary":{"ruleKeys":[1]}}`,
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			seedBucket(t, e)
			if err := e.srv.SeedObject("audit-reports", "reports/lifecycle-audit/audit-data/checkpoint.json", []byte(doc)); err != nil {
				t.Fatal(err)
			}
			rs, err := newAuditor(t, e, nil).Run(context.Background(), Request{}, now)
			if err != nil || len(rs) != 1 {
				t.Fatalf("Run = %d reports, %v", len(rs), err)
			}
			checkSeededReport(t, rs[0])
		})
	}
}
