package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ossflow/ossflow/pkg/logging"
)

// Each audited bucket logs one summary line naming the bucket, the report
// keys (with the recommended lifecycle XML) and the headline figures; no credential appears in the log.
func TestSummaryLogLine(t *testing.T) {
	e := newEnv(t)
	seedBucket(t, e)
	var buf bytes.Buffer
	ctx, _ := logging.ForRequest(context.Background(), logging.New(&buf, "lifecycle-audit"), "req-1")
	if _, err := newAuditor(t, e, nil).Run(ctx, Request{Buckets: []string{"audit-data", "no-such-bucket"}}, now); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log lines = %d; want one per bucket:\n%s", len(lines), buf.String())
	}
	var first struct {
		Level, Bucket, Message, RequestID string
		Reports                           []string
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatalf("log line is not JSON: %v", err)
	}
	if first.Level != "info" || first.Bucket != "audit-data" || first.RequestID != "req-1" || len(first.Reports) != 4 ||
		!strings.Contains(first.Message, "11 objects, 1758110 bytes (1902618 billed)") ||
		!strings.Contains(first.Message, "excluding DeepColdArchive") {
		t.Errorf("summary line = %s", lines[0])
	}
	if !strings.Contains(lines[1], "no-such-bucket") || !strings.Contains(lines[1], "high=1") {
		t.Errorf("unreadable bucket line = %s; want its name and one high finding", lines[1])
	}
	if strings.Contains(buf.String(), e.srv.AccessKeySecret) {
		t.Error("log contains the access key secret")
	}
}
