package audit

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/findings"
	"github.com/ossflow/ossflow/pkg/envconfig"
	"github.com/ossflow/ossflow/pkg/events"
	"github.com/ossflow/ossflow/pkg/fault"
	"github.com/ossflow/ossflow/pkg/osskit"
)

func TestParseRequest(t *testing.T) {
	cases := []struct {
		payload string
		want    Request
		err     string
	}{
		{"", Request{}, ""},
		{`{"buckets":["a-b"],"prefixes":["logs/"]}`, Request{Buckets: []string{"a-b"}, Prefixes: []string{"logs/"}}, ""},
		{`{"bucket":"x"}`, Request{}, "unknown field"},
		{`{"buckets":["Bad_Name"]}`, Request{}, "bucket name"},
		{`[`, Request{}, "payload"},
	}
	for _, c := range cases {
		got, err := ParseRequest(c.payload)
		if c.err != "" {
			if !errors.Is(err, osskit.ErrInvalidArgument) || !strings.Contains(err.Error(), c.err) || fault.KindOf(err) != fault.Invalid {
				t.Errorf("ParseRequest(%q) = %v; want an Invalid error containing %q", c.payload, err, c.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got.Buckets, c.want.Buckets) || !slices.Equal(got.Prefixes, c.want.Prefixes) {
			t.Errorf("ParseRequest(%q) = %+v, %v; want %+v", c.payload, got, err, c.want)
		}
	}
}

func TestLoadConfig(t *testing.T) {
	l := envconfig.New(envconfig.FromMap(map[string]string{EnvReportBucket: "reports-b", EnvBuckets: "a-1,b-2",
		EnvReportPrefix: "/audit/", EnvUseInventory: "true", EnvPrices: `{"classes":{"Archive":{"storagePerGBMonth":0.02}}}`}))
	c := LoadConfig(l)
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	if c.ReportPrefix != "audit" || !c.UseInventory || !slices.Equal(c.Buckets, []string{"a-1", "b-2"}) || *c.Prices.Classes[osskit.Archive].StoragePerGBMonth != 0.02 {
		t.Errorf("config = %+v", c)
	}
	if *c.Prices.Classes[osskit.Standard].StoragePerGBMonth != 0.12 {
		t.Errorf("Standard price = %v; want the default kept (0.12)", *c.Prices.Classes[osskit.Standard].StoragePerGBMonth)
	}
	bad := DefaultConfig()
	bad.ReportBucket, bad.Buckets = "ok-bucket", []string{"NO"}
	if err := bad.Validate(); err == nil {
		t.Error("Validate accepted bucket name NO")
	}
}

// A timer payload narrows the audit to a prefix; a partial listing makes
// no "rule matches nothing" claims. A bad payload is dropped (Invalid).
func TestTickPayload(t *testing.T) {
	e := newEnv(t)
	seedBucket(t, e)
	a := newAuditor(t, e, nil)
	rs, err := a.Run(context.Background(), Request{Prefixes: []string{"logs/"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range rs[0].Groups {
		if g.Prefix != "logs/" {
			t.Errorf("group prefix %q; want only logs/", g.Prefix)
		}
	}
	for _, f := range rs[0].Findings {
		if f.Code == findings.RuleMatchesNothing {
			t.Errorf("partial audit reported %s", f.Code)
		}
	}
	if rs[0].Totals.Objects != 4 {
		t.Errorf("objects = %d; want 4 under logs/", rs[0].Totals.Objects)
	}
	err = a.Tick(context.Background(), events.Tick{Time: now, Payload: `{"buckets":"audit-data"}`})
	if fault.DispositionOf(err) != fault.Drop {
		t.Errorf("Tick(bad payload) = %v; want a dropped (Invalid) error", err)
	}
	if err := a.Tick(context.Background(), events.Tick{Time: now, Payload: `{"buckets":["audit-data"]}`}); err != nil {
		t.Errorf("Tick = %v; want nil", err)
	}
}
