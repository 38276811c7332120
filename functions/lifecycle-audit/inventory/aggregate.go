package inventory

import (
	"fmt"
	"strings"
	"time"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/rules"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// OtherPrefixes collects every prefix seen after MaxPrefixes distinct ones.
const OtherPrefixes = "(other)"

// Options configure an Aggregator.
type Options struct {
	// Now is the audit time ages and due dates are counted against.
	Now time.Time
	// PrefixDepth is how many "/"-separated levels make a group's prefix
	// (default 1: "logs/" for "logs/2026/a.gz").
	PrefixDepth int
	// MaxPrefixes caps distinct prefixes, keeping memory flat (default 1000).
	MaxPrefixes int
	// Rules are the bucket's lifecycle rules, as configured.
	Rules []osskit.LifecycleRule
	// StaleUpload is the age from which an unfinished upload is stale
	// (default 7 days, as S3 Storage Lens's IncompleteMPU…OlderThan7Days).
	StaleUpload time.Duration
	// UncoveredAge is the age from which Standard data no rule moves is
	// reported (default 90 days).
	UncoveredAge time.Duration
}

// Validate reports bad options as an *osskit.Error of kind ErrInvalidArgument.
func (o Options) Validate() error {
	bad := func(format string, args ...any) error {
		return &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "inventory.Options", Err: fmt.Errorf(format, args...)}
	}
	switch {
	case o.Now.IsZero():
		return bad("Now is required")
	case o.PrefixDepth < 0 || o.PrefixDepth > 16:
		return bad("PrefixDepth %d; want 0..16", o.PrefixDepth)
	case o.MaxPrefixes < 0:
		return bad("MaxPrefixes %d; want >= 0", o.MaxPrefixes)
	case o.StaleUpload < 0 || o.UncoveredAge < 0:
		return bad("negative age threshold")
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.PrefixDepth == 0 {
		o.PrefixDepth = 1
	}
	if o.MaxPrefixes == 0 {
		o.MaxPrefixes = 1000
	}
	if o.StaleUpload == 0 {
		o.StaleUpload = 7 * 24 * time.Hour
	}
	if o.UncoveredAge == 0 {
		o.UncoveredAge = 90 * 24 * time.Hour
	}
	return o
}

// Aggregator accumulates objects, versions and uploads. It is not safe for
// concurrent use: give each lister goroutine its own and Merge them.
type Aggregator struct {
	opts     Options
	prefixes map[string]*prefixAgg
	lastName string
	last     *prefixAgg
	sum      Summary
	small    [numClasses]Cell
	early    [numClasses]Early
	ver      versionState
	// enabled holds the enabled rules and enabledAt their positions in
	// opts.Rules: a disabled rule never acts, so the per-object loop skips
	// it up front.
	enabled   []osskit.LifecycleRule
	enabledAt []int
}

type prefixAgg struct {
	cells [2][numClasses][numBands]cellAgg
}

type cellAgg struct {
	Cell
	next []nextAgg
}

type nextAgg struct {
	rule   int
	action rules.Action
	class  osskit.StorageClass
	count  int64
	bytes  int64
	first  time.Time
	last   time.Time
}

// New returns an empty Aggregator; invalid options return the Validate error.
func New(opts Options) (*Aggregator, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	a := &Aggregator{opts: opts.withDefaults(), prefixes: map[string]*prefixAgg{}}
	a.sum.RuleKeys = make([]int64, len(opts.Rules))
	a.sum.Uploads.BytesKnown = true
	for i, r := range opts.Rules {
		if r.Enabled() {
			a.enabled = append(a.enabled, r)
			a.enabledAt = append(a.enabledAt, i)
		}
	}
	return a, nil
}

// prefixOf cuts key after its PrefixDepth-th "/", or after its last "/"
// when it has fewer; "" for a key at the root.
func prefixOf(key string, depth int) string {
	end := 0
	for n := 0; n < depth; n++ {
		i := strings.IndexByte(key[end:], '/')
		if i < 0 {
			break
		}
		end += i + 1
	}
	return key[:end]
}

func (a *Aggregator) prefix(key string) *prefixAgg {
	name := prefixOf(key, a.opts.PrefixDepth)
	if a.last != nil && name == a.lastName {
		return a.last
	}
	p, ok := a.prefixes[name]
	if !ok {
		if len(a.prefixes) >= a.opts.MaxPrefixes {
			name = OtherPrefixes
			p = a.prefixes[name]
		}
		if p == nil {
			// Clone: name may point into a page buffer we must not retain.
			name = strings.Clone(name)
			p = &prefixAgg{}
			a.prefixes[name] = p
		}
	}
	a.lastName, a.last = name, p
	return p
}

// AddObject counts the current version of an object, as ListObjectsV2 or a
// current-versions inventory reports it.
func (a *Aggregator) AddObject(o *osskit.ObjectInfo) {
	a.add(o, time.Time{})
}

func (a *Aggregator) add(o *osskit.ObjectInfo, noncurrentSince time.Time) {
	now := a.opts.Now
	kind, from := 0, o.LastModified
	if !noncurrentSince.IsZero() {
		kind, from = 1, noncurrentSince
	}
	ci := classIndex(o.StorageClass)
	billed := max(o.Size, minBillable[ci])
	band := BandOf(now.Sub(from))
	cell := &a.prefix(o.Key).cells[kind][ci][band]
	cell.add(o.Size, billed)
	a.hitRules(o.Key)
	if o.Restore != nil && (o.Restore.Ongoing || o.Restore.Readable(now)) {
		a.sum.Restored.add(o.Size, billed)
	}
	n := rules.Next{Rule: -1}
	if len(a.enabled) > 0 {
		ro := rules.Object{Key: o.Key, Size: o.Size, Class: o.StorageClass, LastModified: o.LastModified, NoncurrentSince: noncurrentSince}
		n = rules.NextFor(a.enabled, &ro, now)
		if n.Rule >= 0 {
			n.Rule = a.enabledAt[n.Rule]
		}
		if n.TagDependent {
			a.sum.TagDependent.add(o.Size, billed)
		}
	}
	if kind == 0 && ci == 0 && now.Sub(o.LastModified) >= a.opts.UncoveredAge && n.Action != rules.Transition && n.Action != rules.Expire {
		a.sum.Uncovered.add(o.Size, billed)
	}
	if n.Rule < 0 {
		return
	}
	cell.record(n, o.Size)
	if (n.Action == rules.Transition || n.Action == rules.TransitionNoncurrent) && o.Size < rules.SmallFile {
		tc := classIndex(n.Class)
		a.small[tc].add(o.Size, max(o.Size, minBillable[tc]))
	}
	if end, ok := minDurationEnds(ci, o); ok && n.Due.Before(end) {
		e := &a.early[ci]
		e.add(o.Size, billed)
		e.ShortByteDays += float64(billed) * end.Sub(n.Due).Hours() / 24
	}
}

func (c *cellAgg) record(n rules.Next, size int64) {
	for i := range c.next {
		x := &c.next[i]
		if x.rule == n.Rule && x.action == n.Action && x.class == n.Class {
			x.count++
			x.bytes += size
			if n.Due.Before(x.first) {
				x.first = n.Due
			}
			if n.Due.After(x.last) {
				x.last = n.Due
			}
			return
		}
	}
	c.next = append(c.next, nextAgg{rule: n.Rule, action: n.Action, class: n.Class, count: 1, bytes: size, first: n.Due, last: n.Due})
}

// hitRules counts key against every rule whose prefix it falls under; with
// the usual handful of rules that is a few HasPrefix calls.
func (a *Aggregator) hitRules(key string) {
	for i := range a.opts.Rules {
		if strings.HasPrefix(key, a.opts.Rules[i].Prefix) {
			a.sum.RuleKeys[i]++
		}
	}
}
