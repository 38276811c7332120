package audit

import (
	"context"
	"slices"
	"testing"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/localstack/ossemu"
)

// Transient 503s on a third of the listing calls are retried by the
// adapter: the report is exactly the fault-free one. When every listing
// fails, the bucket gets a BUCKET_UNREADABLE finding and the run goes on.
func TestListingFaults(t *testing.T) {
	e := newEnv(t)
	seedBucket(t, e)
	ops := []string{"ListObjects", "ListMultipartUploads", "GetBucketLifecycle"}
	plan := func(rate float64) ossemu.FaultPlan {
		p := ossemu.FaultPlan{Seed: 42}
		for _, op := range ops {
			p.Rules = append(p.Rules, ossemu.FaultRule{Operation: op, Kind: ossemu.FaultUnavailable, Rate: rate})
		}
		return p
	}
	if err := e.srv.SetFaults(plan(0.3)); err != nil {
		t.Fatal(err)
	}
	a := newAuditor(t, e, func(c *Config) { c.Parallel = 4 })
	rs, err := a.Run(context.Background(), Request{}, now)
	if err != nil {
		t.Fatal(err)
	}
	checkSeededReport(t, rs[0])

	if err := e.srv.SetFaults(plan(1)); err != nil {
		t.Fatal(err)
	}
	rs, err = a.Run(context.Background(), Request{}, now)
	if err != nil || len(rs) != 1 {
		t.Fatalf("Run with every listing failing = %d reports, %v; want a report", len(rs), err)
	}
	var codes []string
	for _, f := range rs[0].Findings {
		codes = append(codes, f.Code)
	}
	if !slices.Contains(codes, findings.BucketUnreadable) || !slices.Contains(codes, findings.CheckFailed) {
		t.Errorf("findings = %v; want %s and %s (lifecycle unreadable)", codes, findings.BucketUnreadable, findings.CheckFailed)
	}
	if slices.Contains(codes, findings.NoLifecycle) {
		t.Errorf("findings = %v; an unreadable lifecycle must not be reported as missing", codes)
	}
}
