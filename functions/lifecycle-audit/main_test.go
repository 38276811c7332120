package main

import (
	"context"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/audit"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
)

// TestSetup wires the function from a complete environment and names every
// missing or bad variable from an incomplete one.
func TestSetup(t *testing.T) {
	t.Setenv(ossclient.EnvRegion, "cn-hangzhou")
	t.Setenv(audit.EnvReportBucket, "audit-reports")
	t.Setenv(audit.EnvBuckets, "photos,logs-bucket")
	t.Setenv(audit.EnvPrices, `{"classes":{"IA":{"storagePerGBMonth":0.07}}}`)
	h, err := setup(context.Background())
	if err != nil || h == nil {
		t.Fatalf("setup = %v, %v; want a handler", h, err)
	}

	t.Setenv(audit.EnvReportBucket, "")
	t.Setenv(audit.EnvPrefixDepth, "0")
	t.Setenv(audit.EnvPrices, `{"classes":{"IA":{"storagePerGBMonth":-1}}}`)
	_, err = setup(context.Background())
	for _, want := range []string{audit.EnvReportBucket, audit.EnvPrefixDepth, audit.EnvPrices} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("setup err = %v; want it to name %s", err, want)
		}
	}
}
