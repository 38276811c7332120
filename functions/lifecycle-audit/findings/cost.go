package findings

import (
	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// ClassCost is one storage class's share of a bucket and its monthly cost.
type ClassCost struct {
	Class      osskit.StorageClass `json:"class"`
	Current    inventory.Cell      `json:"current"`
	Noncurrent inventory.Cell      `json:"noncurrent"`
	// MonthlyCost prices the billed bytes of both; nil when the class's
	// storage price is unknown.
	MonthlyCost *float64 `json:"monthlyCost"`
}

// Costs totals the summary per class, warmest first, and prices each from
// the table. Unfinished uploads are not included (see NO_ABORT_MPU_RULE).
func Costs(s inventory.Summary, prices osskit.PriceTable) []ClassCost {
	idx := map[osskit.StorageClass]int{}
	var out []ClassCost
	for _, c := range osskit.StorageClasses {
		idx[c] = len(out)
		out = append(out, ClassCost{Class: c})
	}
	for _, g := range s.Groups {
		i, ok := idx[g.Class]
		if !ok {
			i = len(out)
			idx[g.Class] = i
			out = append(out, ClassCost{Class: g.Class})
		}
		if g.Noncurrent {
			out[i].Noncurrent.Count += g.Count
			out[i].Noncurrent.Bytes += g.Bytes
			out[i].Noncurrent.BilledBytes += g.BilledBytes
		} else {
			out[i].Current.Count += g.Count
			out[i].Current.Bytes += g.Bytes
			out[i].Current.BilledBytes += g.BilledBytes
		}
	}
	for i := range out {
		out[i].MonthlyCost = monthly(prices, out[i].Class, out[i].Current.BilledBytes+out[i].Noncurrent.BilledBytes)
	}
	return out
}

// monthly prices billed bytes in class for one month; nil when unknown.
func monthly(p osskit.PriceTable, class osskit.StorageClass, billed int64) *float64 {
	v, ok := p.StorageCost(class, billed, 1)
	if !ok {
		return nil
	}
	return &v
}

// diff returns a-b, nil when either is unknown.
func diff(a, b *float64) *float64 {
	if a == nil || b == nil {
		return nil
	}
	v := *a - *b
	return &v
}

func sum(ps ...*float64) *float64 {
	var t float64
	for _, p := range ps {
		if p == nil {
			return nil
		}
		t += *p
	}
	return &t
}
