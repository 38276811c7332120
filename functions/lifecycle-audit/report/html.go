package report

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// MaxHTMLGroups bounds the group table; the JSON and CSV have them all.
const MaxHTMLGroups = 50

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"human": human,
	"money": func(p *float64, cur string) string {
		if p == nil {
			return "—"
		}
		return money(*p) + " " + cur
	},
	"class":  className,
	"money2": money,
}).Parse(pageHTML))

type view struct {
	*Report
	Bands, Costs, Trend chart
	HasTrend            bool
	Top                 []inventory.Group
	Legend              []legendItem
}

type legendItem struct{ Name, Color string }

// money shows cents, or two significant digits below a cent so small
// buckets do not read as free.
func money(v float64) string {
	if v != 0 && v < 0.01 && v > -0.01 {
		r, _ := strconv.ParseFloat(fmt.Sprintf("%.2g", v), 64)
		return strconv.FormatFloat(r, 'f', -1, 64) // never exponent notation
	}
	return fmt.Sprintf("%.2f", v)
}

// WriteHTML writes r as one self-contained HTML page: inline CSS and SVG,
// no scripts, fonts or external requests, so it opens from OSS or a disk.
func WriteHTML(w io.Writer, r *Report) error {
	v := view{Report: r, Bands: bandChart(r.Groups), Costs: costChart(r), Trend: trendChart(r.History), HasTrend: len(r.History) > 1}
	v.Top = slices.Clone(r.Groups)
	slices.SortStableFunc(v.Top, func(a, b inventory.Group) int { return cmp.Compare(b.BilledBytes, a.BilledBytes) })
	if len(v.Top) > MaxHTMLGroups {
		v.Top = v.Top[:MaxHTMLGroups]
	}
	for _, c := range osskit.StorageClasses {
		v.Legend = append(v.Legend, legendItem{string(c), classColors[c]})
	}
	if err := page.Execute(w, v); err != nil {
		return fmt.Errorf("render HTML report %s: %w", r.Bucket, err)
	}
	return nil
}
