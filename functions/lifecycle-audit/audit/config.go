// Package audit runs the lifecycle audit for a list of buckets: it reads
// each bucket's rules and versioning, counts what it stores (listing, or
// the latest bucket inventory), derives findings and costs, and writes the
// JSON, CSV and HTML reports back to OSS. It declares the store surface it
// needs and is wired to the OSS adapter only in main.go.
package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ossflow/ossflow/pkg/envconfig"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// Config is the audit's configuration, loaded once at cold start.
type Config struct {
	// Buckets audited when a tick names none.
	Buckets []string
	// Prefixes limit the audit to parts of each bucket; none means all.
	Prefixes []string
	// ReportBucket receives reports under ReportPrefix/<bucket>/<date>.*.
	ReportBucket string
	ReportPrefix string
	PrefixDepth  int
	MaxPrefixes  int
	// Parallel lists this many top-level prefixes at once.
	Parallel int
	// UncoveredDays: Standard data at least this old that no rule moves is a finding.
	UncoveredDays int
	// UseInventory reads the latest bucket inventory when one covers the
	// whole bucket, instead of listing.
	UseInventory bool
	Prices       osskit.PriceTable
	// MaxRunTime bounds one invocation's listing; CheckpointMargin is kept
	// free before the invocation's deadline. Past either, the audit saves a
	// checkpoint and the next invocation resumes it.
	MaxRunTime       time.Duration
	CheckpointMargin time.Duration
}

// DefaultConfig returns the defaults: prefix depth 1, 1000 prefixes, 4
// parallel listings, 90 days, reports under reports/lifecycle-audit, the
// sample price table, 10 minutes per invocation with 30 s kept free.
func DefaultConfig() Config {
	return Config{ReportPrefix: "reports/lifecycle-audit", PrefixDepth: 1, MaxPrefixes: 1000, Parallel: 4,
		UncoveredDays: 90, Prices: osskit.DefaultPriceTable(), MaxRunTime: 10 * time.Minute, CheckpointMargin: 30 * time.Second}
}

// The environment variables LoadConfig reads.
const (
	EnvBuckets       = "AUDIT_BUCKETS"
	EnvPrefixes      = "AUDIT_PREFIXES"
	EnvReportBucket  = "AUDIT_REPORT_BUCKET"
	EnvReportPrefix  = "AUDIT_REPORT_PREFIX"
	EnvPrefixDepth   = "AUDIT_PREFIX_DEPTH"
	EnvMaxPrefixes   = "AUDIT_MAX_PREFIXES"
	EnvParallel      = "AUDIT_PARALLEL"
	EnvUncoveredDays = "AUDIT_UNCOVERED_DAYS"
	EnvUseInventory  = "AUDIT_USE_INVENTORY"
	EnvPrices        = "AUDIT_PRICES_JSON"
	EnvMaxRunTime    = "AUDIT_MAX_RUN_TIME"
	EnvMargin        = "AUDIT_CHECKPOINT_MARGIN"
)

// LoadConfig reads the config from l on top of DefaultConfig; problems are
// recorded in l (l.Err joins them, each naming its variable). Prices in
// AUDIT_PRICES_JSON are laid over the default table (osskit.PriceTable.Override).
func LoadConfig(l *envconfig.Loader) Config {
	c := DefaultConfig()
	c.Buckets = l.List(EnvBuckets, nil)
	c.Prefixes = l.List(EnvPrefixes, nil)
	c.ReportBucket = l.Required(EnvReportBucket)
	c.ReportPrefix = strings.Trim(l.String(EnvReportPrefix, c.ReportPrefix), "/")
	c.PrefixDepth = l.Int(EnvPrefixDepth, c.PrefixDepth, 1, 16)
	c.MaxPrefixes = l.Int(EnvMaxPrefixes, c.MaxPrefixes, 1, 100000)
	c.Parallel = l.Int(EnvParallel, c.Parallel, 1, 64)
	c.UncoveredDays = l.Int(EnvUncoveredDays, c.UncoveredDays, 1, 3650)
	c.UseInventory = l.Bool(EnvUseInventory, false)
	c.MaxRunTime = l.Duration(EnvMaxRunTime, c.MaxRunTime, time.Second, 24*time.Hour)
	c.CheckpointMargin = l.Duration(EnvMargin, c.CheckpointMargin, 0, time.Hour)
	if js := l.String(EnvPrices, ""); js != "" {
		p, err := c.Prices.Override([]byte(js))
		if err != nil {
			l.Fail(EnvPrices, "%v", err)
		} else {
			c.Prices = p
		}
	}
	return c
}

// Validate reports every problem at once (errors.Join).
func (c Config) Validate() error {
	var errs []error
	for _, b := range append([]string{c.ReportBucket}, c.Buckets...) {
		if _, err := osskit.NewBucket(b); err != nil {
			errs = append(errs, err)
		}
	}
	if c.PrefixDepth < 1 || c.MaxPrefixes < 1 || c.Parallel < 1 || c.UncoveredDays < 1 {
		errs = append(errs, errors.New("prefix depth, max prefixes, parallel and uncovered days must be at least 1"))
	}
	if c.MaxRunTime <= 0 || c.CheckpointMargin < 0 {
		errs = append(errs, errors.New("max run time must be positive and the checkpoint margin not negative"))
	}
	if err := c.Prices.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Request is what a timer's payload (or an on-demand invoke) may ask for:
// {"buckets":["a","b"],"prefixes":["logs/"]}. Empty fields fall back to
// the config.
type Request struct {
	Buckets  []string `json:"buckets"`
	Prefixes []string `json:"prefixes"`
}

// ParseRequest decodes a tick payload; "" is an empty request. Unknown
// fields, bad JSON or an invalid bucket name return an *osskit.Error of
// kind ErrInvalidArgument.
func ParseRequest(payload string) (Request, error) {
	var r Request
	if strings.TrimSpace(payload) == "" {
		return r, nil
	}
	dec := json.NewDecoder(strings.NewReader(payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Request{}, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "ParseRequest", Err: fmt.Errorf("payload: %v", err)}
	}
	for _, b := range r.Buckets {
		if _, err := osskit.NewBucket(b); err != nil {
			return Request{}, err
		}
	}
	return r, nil
}
