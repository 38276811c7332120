package config

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/ossflow/ossflow/pkg/osskit"
)

// Layout says which keys are sources and where their outputs go.
type Layout struct {
	// SourcePrefix is the part of a source key that outputs drop, e.g.
	// "uploads/". Keys outside it are not processed. Empty accepts every key.
	SourcePrefix string
	// Template makes a variant's key from {path} (the source key without
	// SourcePrefix and without its extension), {style} (the style name) and
	// {ext} (the output format's extension), e.g. "thumbs/{path}/{style}.{ext}".
	// It must start with a fixed prefix ending in "/": that prefix marks a
	// key as an output, so outputs are never processed again.
	Template string
	// FailedPrefix is where failure records go: FailedPrefix + source key + ".json".
	FailedPrefix string
	// OutputBucket receives variants and failure records; empty means the
	// source's own bucket.
	OutputBucket string
}

// DefaultLayout maps uploads/a/b.jpg to thumbs/a/b/<style>.<ext>, with
// failure records under thumbs/_failed/, in the source's bucket.
func DefaultLayout() Layout {
	return Layout{SourcePrefix: "uploads/", Template: "thumbs/{path}/{style}.{ext}", FailedPrefix: "thumbs/_failed/"}
}

var placeholders = []string{"{path}", "{style}", "{ext}"}

// OutputPrefix is the template's fixed prefix, e.g. "thumbs/".
func (l Layout) OutputPrefix() string {
	p, _, _ := strings.Cut(l.Template, "{")
	return p
}

// Validate reports every problem with l, joined: a template without each
// placeholder exactly once, with an unknown placeholder, or without a fixed
// prefix ending in "/"; a failure prefix that is empty or lacks the
// trailing "/"; a source prefix inside an output prefix (every upload
// would look like an output); an output bucket that is not a bucket name.
func (l Layout) Validate() error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	rest := l.Template
	for _, p := range placeholders {
		if n := strings.Count(rest, p); n != 1 {
			fail("key template %q: want %s exactly once, found %d", l.Template, p, n)
		}
		rest = strings.ReplaceAll(rest, p, "")
	}
	if i := strings.IndexAny(rest, "{}"); i >= 0 {
		fail("key template %q: unknown placeholder or stray brace near %q", l.Template, shorten(rest[i:]))
	}
	if op := l.OutputPrefix(); op == "" || !strings.HasSuffix(op, "/") {
		fail("key template %q: must start with a fixed prefix ending in \"/\" (e.g. thumbs/) so outputs are never taken for uploads", l.Template)
	} else if err := osskit.ValidateGenerated(strings.TrimSuffix(op, "/")); err != nil {
		fail("key template %q: prefix %q is not a valid key prefix: %v", l.Template, op, err)
	}
	if l.FailedPrefix == "" || !strings.HasSuffix(l.FailedPrefix, "/") {
		fail("failure prefix %q: want a prefix ending in \"/\"", l.FailedPrefix)
	} else if err := osskit.ValidateGenerated(strings.TrimSuffix(l.FailedPrefix, "/")); err != nil {
		fail("failure prefix %q: %v", l.FailedPrefix, err)
	}
	if l.SourcePrefix != "" && strings.HasPrefix(l.SourcePrefix, "/") {
		fail("source prefix %q: must not start with \"/\"", l.SourcePrefix)
	}
	for _, out := range []string{l.OutputPrefix(), l.FailedPrefix} {
		if out != "" && strings.HasPrefix(l.SourcePrefix, out) {
			fail("source prefix %q lies under output prefix %q: every upload would be ignored as an output", l.SourcePrefix, out)
		}
	}
	if l.OutputBucket != "" {
		if _, err := osskit.NewBucket(l.OutputBucket); err != nil {
			fail("output bucket: %v", err)
		}
	}
	return errors.Join(errs...)
}

// Bucket returns the bucket outputs of a source in srcBucket go to.
func (l Layout) Bucket(srcBucket string) string {
	if l.OutputBucket != "" {
		return l.OutputBucket
	}
	return srcBucket
}

// IsOutput reports whether key, in a bucket that receives outputs, lies
// under the output or failure prefix: such keys are never sources, even
// when a misconfigured trigger delivers them.
func (l Layout) IsOutput(key string) bool {
	return strings.HasPrefix(key, l.OutputPrefix()) || strings.HasPrefix(key, l.FailedPrefix)
}

// IsSource reports whether key lies under the source prefix.
func (l Layout) IsSource(key string) bool { return strings.HasPrefix(key, l.SourcePrefix) }

// VariantKey returns the output key of style for srcKey, with extension
// ext. The result is checked with osskit.ValidateGenerated, so a source key
// with empty, "." or ".." segments cannot place an output outside the
// prefix; such keys, keys outside the source prefix and keys that come out
// longer than OSS allows return an *osskit.Error of kind ErrInvalidArgument.
func (l Layout) VariantKey(srcKey, style, ext string) (osskit.Key, error) {
	rel, ok := strings.CutPrefix(srcKey, l.SourcePrefix)
	if !ok || rel == "" {
		return osskit.Key{}, &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "VariantKey", Key: srcKey,
			Err: fmt.Errorf("key is not under source prefix %q", l.SourcePrefix)}
	}
	if e := path.Ext(rel); e != "" && len(e) < len(path.Base(rel)) {
		rel = strings.TrimSuffix(rel, e)
	}
	k := strings.NewReplacer("{path}", rel, "{style}", style, "{ext}", ext).Replace(l.Template)
	return osskit.GeneratedKey(k)
}

// FailureKey returns where the failure record of srcKey goes; errors as
// for VariantKey.
func (l Layout) FailureKey(srcKey string) (osskit.Key, error) {
	return osskit.GeneratedKey(l.FailedPrefix + srcKey + ".json")
}

func shorten(s string) string {
	if len(s) > 32 {
		return s[:32] + "..."
	}
	return s
}
