package inventory

import (
	"cmp"
	"slices"
)

// Summary finishes the pending version key and returns the totals so far.
// Groups come sorted by prefix, current before noncurrent, warm to cold
// class and young to old band; empty groups are left out.
func (a *Aggregator) Summary() Summary {
	a.finishKey()
	s := a.sum
	s.RuleKeys = slices.Clone(a.sum.RuleKeys)
	names := make([]string, 0, len(a.prefixes))
	for n := range a.prefixes {
		names = append(names, n)
	}
	slices.Sort(names)
	s.Groups = nil
	for _, name := range names {
		p := a.prefixes[name]
		for kind := range 2 {
			for ci := range numClasses {
				for b := range numBands {
					c := &p.cells[kind][ci][b]
					if c.Count == 0 {
						continue
					}
					g := Group{Prefix: name, Noncurrent: kind == 1, Class: classAt(ci), Band: Band(b).String(), Cell: c.Cell}
					for _, x := range c.next {
						id := ""
						if x.rule < len(a.opts.Rules) {
							id = a.opts.Rules[x.rule].ID
						}
						g.Next = append(g.Next, NextStat{Rule: id, RuleIndex: x.rule, Action: x.action.String(), Class: x.class,
							Count: x.count, Bytes: x.bytes, First: x.first, Last: x.last})
					}
					slices.SortFunc(g.Next, func(x, y NextStat) int {
						return cmp.Or(cmp.Compare(x.RuleIndex, y.RuleIndex), cmp.Compare(x.Action, y.Action), cmp.Compare(x.Class, y.Class))
					})
					s.Groups = append(s.Groups, g)
				}
			}
		}
	}
	s.SmallMoves, s.Early = nil, nil
	for ci := range numClasses {
		if a.small[ci].Count > 0 {
			s.SmallMoves = append(s.SmallMoves, SmallMove{Class: classAt(ci), Cell: a.small[ci]})
		}
		if e := a.early[ci]; e.Count > 0 {
			e.Class = classAt(ci)
			s.Early = append(s.Early, e)
		}
	}
	return s
}

// Merge adds b's counts into a, for audits that list prefixes in
// parallel with one Aggregator each. Both must have the same options and
// have seen disjoint keys; b must not be used afterwards.
func (a *Aggregator) Merge(b *Aggregator) {
	b.finishKey()
	for name, bp := range b.prefixes {
		ap, ok := a.prefixes[name]
		if !ok {
			if len(a.prefixes) >= a.opts.MaxPrefixes && name != OtherPrefixes {
				name = OtherPrefixes
				ap = a.prefixes[name]
			}
			if ap == nil {
				ap = &prefixAgg{}
				a.prefixes[name] = ap
			}
		}
		for kind := range 2 {
			for ci := range numClasses {
				for band := range numBands {
					src, dst := &bp.cells[kind][ci][band], &ap.cells[kind][ci][band]
					dst.merge(src.Cell)
					for _, x := range src.next {
						dst.mergeNext(x)
					}
				}
			}
		}
	}
	a.last = nil
	s, o := &a.sum, &b.sum
	s.DeleteMarkers += o.DeleteMarkers
	s.ExpiredDeleteMarkers += o.ExpiredDeleteMarkers
	s.MarkersRemovable += o.MarkersRemovable
	u, v := &s.Uploads, o.Uploads
	u.Count, u.Bytes, u.Stale, u.StaleBytes, u.Aborted = u.Count+v.Count, u.Bytes+v.Bytes, u.Stale+v.Stale, u.StaleBytes+v.StaleBytes, u.Aborted+v.Aborted
	u.BytesKnown = u.BytesKnown && v.BytesKnown
	if !v.Oldest.IsZero() && (u.Oldest.IsZero() || v.Oldest.Before(u.Oldest)) {
		u.Oldest = v.Oldest
	}
	s.Restored.merge(o.Restored)
	s.Uncovered.merge(o.Uncovered)
	s.TagDependent.merge(o.TagDependent)
	for i := range s.RuleKeys {
		s.RuleKeys[i] += o.RuleKeys[i]
	}
	for ci := range numClasses {
		a.small[ci].merge(b.small[ci])
		a.early[ci].merge(b.early[ci].Cell)
		a.early[ci].ShortByteDays += b.early[ci].ShortByteDays
	}
}

func (c *cellAgg) mergeNext(x nextAgg) {
	for i := range c.next {
		y := &c.next[i]
		if y.rule == x.rule && y.action == x.action && y.class == x.class {
			y.count += x.count
			y.bytes += x.bytes
			if x.first.Before(y.first) {
				y.first = x.first
			}
			if x.last.After(y.last) {
				y.last = x.last
			}
			return
		}
	}
	c.next = append(c.next, x)
}

// Empty returns a new, empty Aggregator with a's options: count into it
// and Merge on success, so a source that fails half-way leaves a untouched.
func (a *Aggregator) Empty() *Aggregator {
	b, _ := New(a.opts) // a's options were validated by New
	return b
}
