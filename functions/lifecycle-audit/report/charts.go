package report

import (
	"fmt"

	"github.com/ossflow/ossflow/functions/lifecycle-audit/inventory"
	"github.com/ossflow/ossflow/pkg/osskit"
)

// classColors: warm to cold, readable on white and in greyscale print.
var classColors = map[osskit.StorageClass]string{
	osskit.Standard: "#e4572e", osskit.IA: "#f3a712", osskit.Archive: "#29335c",
	osskit.ColdArchive: "#4f6d7a", osskit.DeepColdArchive: "#86bbd8", "": "#999999",
}

// rect is one SVG rectangle with its label (tooltip).
type rect struct {
	X, Y, W, H float64
	Fill       string
	Title      string
}

// label is one SVG text.
type label struct {
	X, Y   float64
	Text   string
	Anchor string
}

// chart is a ready-to-draw SVG: the template only places what is here.
type chart struct {
	W, H float64
	// Base is the y of the x axis.
	Base   float64
	Rects  []rect
	Labels []label
	// Line is a polyline's points attribute, for the trend.
	Line string
	Dots []rect
}

const (
	chartW, chartH = 640.0, 260.0
	padL, padB     = 70.0, 40.0
)

// bandChart stacks bytes (current and noncurrent) by class in each age band.
func bandChart(groups []inventory.Group) chart {
	totals := map[string]map[osskit.StorageClass]int64{}
	var maxBand int64
	for _, b := range inventory.Bands {
		totals[b.String()] = map[osskit.StorageClass]int64{}
	}
	for _, g := range groups {
		if m := totals[g.Band]; m != nil {
			m[g.Class] += g.Bytes
		}
	}
	for _, m := range totals {
		var t int64
		for _, v := range m {
			t += v
		}
		maxBand = max(maxBand, t)
	}
	c := chart{W: chartW, H: chartH, Base: chartH - padB}
	plotH := chartH - padB - 20
	slot := (chartW - padL) / float64(len(inventory.Bands))
	for i, b := range inventory.Bands {
		x := padL + float64(i)*slot + slot*0.15
		y := chartH - padB
		for _, cl := range append(osskit.StorageClasses, "") {
			v := totals[b.String()][cl]
			if v == 0 || maxBand == 0 {
				continue
			}
			h := float64(v) / float64(maxBand) * plotH
			y -= h
			c.Rects = append(c.Rects, rect{X: x, Y: y, W: slot * 0.7, H: h, Fill: classColors[cl],
				Title: fmt.Sprintf("%s, %s days: %s", className(cl), b, human(v))})
		}
		c.Labels = append(c.Labels, label{X: x + slot*0.35, Y: chartH - padB + 16, Text: b.String() + " d", Anchor: "middle"})
	}
	c.Labels = append(c.Labels, label{X: padL - 6, Y: 24, Text: human(maxBand), Anchor: "end"}, label{X: padL - 6, Y: chartH - padB, Text: "0", Anchor: "end"})
	return c
}

// costChart draws one horizontal bar per priced class.
func costChart(r *Report) chart {
	c := chart{W: chartW, H: 30 + 28*float64(len(r.Classes))}
	var top float64
	for _, cl := range r.Classes {
		if cl.MonthlyCost != nil {
			top = max(top, *cl.MonthlyCost)
		}
	}
	for i, cl := range r.Classes {
		y := 10 + 28*float64(i)
		c.Labels = append(c.Labels, label{X: 120, Y: y + 15, Text: className(cl.Class), Anchor: "end"})
		if cl.MonthlyCost == nil {
			c.Labels = append(c.Labels, label{X: 130, Y: y + 15, Text: "price unknown", Anchor: "start"})
			continue
		}
		w := 0.0
		if top > 0 {
			w = *cl.MonthlyCost / top * (chartW - 260)
		}
		c.Rects = append(c.Rects, rect{X: 130, Y: y, W: w, H: 20, Fill: classColors[cl.Class],
			Title: fmt.Sprintf("%s: %.4f %s/month", cl.Class, *cl.MonthlyCost, r.Currency)})
		c.Labels = append(c.Labels, label{X: 136 + w, Y: y + 15, Text: money(*cl.MonthlyCost) + " " + r.Currency, Anchor: "start"})
	}
	return c
}

// trendChart plots billed bytes over the report history.
func trendChart(h []Point) chart {
	c := chart{W: chartW, H: 200}
	var top int64
	for _, p := range h {
		top = max(top, p.BilledBytes)
	}
	plotH, plotW := 200-padB-20, chartW-padL-20
	for i, p := range h {
		x := padL
		if len(h) > 1 {
			x += float64(i) / float64(len(h)-1) * plotW
		}
		y := 200 - padB
		if top > 0 {
			y -= float64(p.BilledBytes) / float64(top) * plotH
		}
		c.Line += fmt.Sprintf("%.1f,%.1f ", x, y)
		c.Dots = append(c.Dots, rect{X: x - 3, Y: y - 3, W: 6, H: 6, Fill: "#29335c", Title: p.Date + ": " + human(p.BilledBytes) + " billed"})
		switch {
		case i == 0:
			c.Labels = append(c.Labels, label{X: x, Y: 200 - padB + 16, Text: p.Date, Anchor: "start"})
		case i == len(h)-1:
			c.Labels = append(c.Labels, label{X: x, Y: 200 - padB + 16, Text: p.Date, Anchor: "end"})
		}
	}
	c.Labels = append(c.Labels, label{X: padL - 6, Y: 24, Text: human(top), Anchor: "end"})
	return c
}

func className(c osskit.StorageClass) string {
	if c == "" {
		return "unknown"
	}
	return string(c)
}

// human formats bytes in binary units.
func human(b int64) string {
	const unit = 1024
	if b < unit {
		return fmt.Sprintf("%d B", b)
	}
	div, exp := int64(unit), 0
	for n := b / unit; n >= unit; n /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(b)/float64(div), "KMGTPE"[exp])
}
