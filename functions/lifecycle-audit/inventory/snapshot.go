package inventory

import (
	"fmt"
	"slices"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/rules"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// Restore rebuilds an Aggregator from a Summary it produced with the same
// options (rules in the same order), so a checkpointed audit continues
// counting where it stopped. A summary that cannot come from these options
// (another rule count, an unknown band or action) returns an
// *osskit.Error of kind ErrInvalidArgument.
func Restore(opts Options, s Summary) (*Aggregator, error) {
	a, err := New(opts)
	if err != nil {
		return nil, err
	}
	bad := func(format string, args ...any) error {
		return &osskit.Error{Kind: osskit.ErrInvalidArgument, Op: "inventory.Restore", Err: fmt.Errorf(format, args...)}
	}
	if len(s.RuleKeys) != len(opts.Rules) {
		return nil, bad("summary counts %d rules; the options have %d", len(s.RuleKeys), len(opts.Rules))
	}
	for _, g := range s.Groups {
		band := slices.Index(bandNames[:], g.Band)
		if band < 0 {
			return nil, bad("unknown age band %q", g.Band)
		}
		p := a.prefixes[g.Prefix]
		if p == nil {
			p = &prefixAgg{}
			a.prefixes[g.Prefix] = p
		}
		kind := 0
		if g.Noncurrent {
			kind = 1
		}
		c := &p.cells[kind][classIndex(g.Class)][band]
		c.merge(g.Cell)
		for _, n := range g.Next {
			act := slices.Index(actionNames, n.Action)
			if act < 0 || n.RuleIndex < 0 || n.RuleIndex >= len(opts.Rules) {
				return nil, bad("next action %q of rule %d cannot come from these rules", n.Action, n.RuleIndex)
			}
			c.mergeNext(nextAgg{rule: n.RuleIndex, action: rules.Action(act), class: n.Class, count: n.Count, bytes: n.Bytes, first: n.First, last: n.Last})
		}
	}
	a.sum = s
	a.sum.Groups, a.sum.SmallMoves, a.sum.Early = nil, nil, nil
	a.sum.RuleKeys = slices.Clone(s.RuleKeys)
	for _, m := range s.SmallMoves {
		a.small[classIndex(m.Class)].merge(m.Cell)
	}
	for _, e := range s.Early {
		x := &a.early[classIndex(e.Class)]
		x.merge(e.Cell)
		x.ShortByteDays += e.ShortByteDays
	}
	return a, nil
}

// actionNames lists rules.Action names by value, for Restore.
var actionNames = func() []string {
	var out []string
	for a := rules.None; a.String() != "unknown"; a++ {
		out = append(out, a.String())
	}
	return out
}()
