// Command lifecycle-audit is the timer function that reports, per bucket,
// what is stored by storage class, age band and prefix, what it costs,
// what the lifecycle rules will do next, and what to change. A timer
// payload (or an on-demand invoke with a timer-shaped event) may name the
// buckets and prefixes; see package audit. It only reads the audited
// buckets and writes reports to the report bucket.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/audit"
	"github.com/ossflow/ossflow/pkg/envconfig"
	"github.com/ossflow/ossflow/pkg/events/serve"
	"github.com/ossflow/ossflow/pkg/osskit/ossclient"
)

func main() { serve.Start("lifecycle-audit", setup) }

// setup loads the configuration once at cold start and joins the OSS
// adapter to the audit.
func setup(context.Context) (serve.Handler, error) {
	l := envconfig.New(os.LookupEnv)
	ossCfg := ossclient.LoadConfig(l)
	cfg := audit.LoadConfig(l)
	if err := l.Err(); err != nil {
		return nil, fmt.Errorf("lifecycle-audit config: %w", err)
	}
	store, err := ossclient.New(ossCfg)
	if err != nil {
		return nil, fmt.Errorf("oss client: %w", err)
	}
	a, err := audit.New(store, cfg, time.Now)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return serve.Ticks(a.Tick), nil
}
