package report

// pageHTML is the report page. Every chart is inline SVG built by
// charts.go; <title> elements give hover labels without scripts.
const pageHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lifecycle audit: {{.Bucket}} ({{.Date}})</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#666}.kpis{display:flex;gap:16px;flex-wrap:wrap;margin:16px 0}
.kpi{border:1px solid #ddd;border-radius:6px;padding:8px 14px}.kpi b{display:block;font-size:18px}.kpi small{display:block;color:#666}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev{font-weight:600;text-transform:uppercase;font-size:12px}.high{color:#b00020}.medium{color:#c66900}.low{color:#33691e}.info{color:#555}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
svg text{font:12px system-ui,sans-serif;fill:#333}
</style></head><body>
<h1>Lifecycle audit: {{.Bucket}}</h1>
<div class="meta">{{.Date}} · source {{.Source}} · versioning {{if .Versioning}}{{.Versioning}}{{else}}off{{end}} · {{.LifecycleRules}} lifecycle rules · schema {{.Schema}}</div>
<div class="kpis">
<div class="kpi">Objects<b>{{.Totals.Objects}}</b></div>
<div class="kpi">Stored<b>{{human .Totals.Bytes}}</b></div>
<div class="kpi">Billed<b>{{human .Totals.BilledBytes}}</b></div>
<div class="kpi">Noncurrent<b>{{human .Totals.NoncurrentBytes}}</b></div>
<div class="kpi">Unfinished uploads<b>{{.Uploads.Count}}</b>{{if .Uploads.Stale}}<small>{{.Uploads.Stale}} older than 7 days</small>{{end}}</div>
<div class="kpi">Delete markers<b>{{.Totals.DeleteMarkers}}</b>{{if .Totals.ExpiredDeleteMarkers}}<small>{{.Totals.ExpiredDeleteMarkers}} expired</small>{{end}}</div>
<div class="kpi">Restored copies<b>{{.Restored.Count}}</b></div>
<div class="kpi">Storage cost / month<b>{{money .Totals.MonthlyCost .Currency}}</b>{{if .Totals.Unpriced}}<small>excl. {{range .Totals.Unpriced}}{{.}} {{end}}(no price)</small>{{end}}</div>
<div class="kpi">Possible saving / month<b>{{money2 .Totals.MonthlySaving}} {{.Currency}}</b></div>
</div>

<h2>Bytes by storage class and age band</h2>
<div class="legend">{{range .Legend}}<span><i style="background:{{.Color}}"></i>{{.Name}}</span>{{end}}</div>
<svg id="bands" role="img" aria-label="bytes by class and age band" width="{{.Bands.W}}" height="{{.Bands.H}}" viewBox="0 0 {{.Bands.W}} {{.Bands.H}}" xmlns="http://www.w3.org/2000/svg">
<line x1="70" y1="{{.Bands.Base}}" x2="{{.Bands.W}}" y2="{{.Bands.Base}}" stroke="#ccc"/>
{{range .Bands.Rects}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{.Fill}}"><title>{{.Title}}</title></rect>
{{end}}{{range .Bands.Labels}}<text x="{{.X}}" y="{{.Y}}" text-anchor="{{.Anchor}}">{{.Text}}</text>
{{end}}</svg>

<h2>Monthly storage cost by class</h2>
<svg id="cost" role="img" aria-label="monthly cost by class" width="{{.Costs.W}}" height="{{.Costs.H}}" viewBox="0 0 {{.Costs.W}} {{.Costs.H}}" xmlns="http://www.w3.org/2000/svg">
{{range .Costs.Rects}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{.Fill}}"><title>{{.Title}}</title></rect>
{{end}}{{range .Costs.Labels}}<text x="{{.X}}" y="{{.Y}}" text-anchor="{{.Anchor}}">{{.Text}}</text>
{{end}}</svg>
<div class="meta">Prices: {{.Currency}}{{if .PriceSource}}, {{.PriceSource}}{{end}}.</div>

<h2>Trend</h2>
{{if .HasTrend}}<svg id="trend" role="img" aria-label="billed bytes over time" width="{{.Trend.W}}" height="{{.Trend.H}}" viewBox="0 0 {{.Trend.W}} {{.Trend.H}}" xmlns="http://www.w3.org/2000/svg">
<polyline points="{{.Trend.Line}}" fill="none" stroke="#29335c" stroke-width="2"/>
{{range .Trend.Dots}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{.Fill}}"><title>{{.Title}}</title></rect>
{{end}}{{range .Trend.Labels}}<text x="{{.X}}" y="{{.Y}}" text-anchor="{{.Anchor}}">{{.Text}}</text>
{{end}}</svg>{{else}}<p class="meta">No previous report yet: the trend starts with the next run.</p>{{end}}

<h2>Findings ({{len .Findings}})</h2>
<table><tr><th>Severity</th><th>Code</th><th>Finding</th><th>Cost / month</th><th>Saving / month</th></tr>
{{range .Findings}}<tr><td class="sev {{.Severity}}">{{.Severity}}</td><td>{{.Code}}{{if .Rule}}<br><small>rule {{.Rule}}</small>{{end}}</td>
<td>{{.Message}}{{if .Recommendation}}<br><small>→ {{.Recommendation}}</small>{{end}}{{range .Assumptions}}<br><small class="meta">assumes {{.}}</small>{{end}}</td>
<td class="n">{{money .MonthlyCost $.Currency}}{{if .OneTimeCost}}<br><small>once {{money .OneTimeCost $.Currency}}</small>{{end}}</td><td class="n">{{money .MonthlySaving $.Currency}}</td></tr>
{{else}}<tr><td colspan="5">No findings.</td></tr>{{end}}</table>

{{if .RecommendedLifecycle}}<h2>Recommended lifecycle configuration</h2>
<details><summary>The current rules plus what the findings call for; apply with PutBucketLifecycle or <code>ossutil lifecycle --method put</code> after review.</summary>
<pre>{{.RecommendedLifecycle}}</pre></details>{{end}}

<h2>Largest groups</h2>
<table><tr><th>Prefix</th><th>Class</th><th>Age (days)</th><th>Objects</th><th>Bytes</th><th>Billed</th><th>Next lifecycle action</th></tr>
{{range .Top}}<tr><td>{{if .Prefix}}{{.Prefix}}{{else}}(root){{end}}{{if .Noncurrent}} <small>noncurrent</small>{{end}}</td><td>{{class .Class}}</td><td>{{.Band}}</td>
<td class="n">{{.Count}}</td><td class="n">{{human .Bytes}}</td><td class="n">{{human .BilledBytes}}</td>
<td>{{range .Next}}{{.Action}}{{if .Class}} → {{.Class}}{{end}} by rule {{.Rule}}: {{.Count}} objects, {{.First.Format "2006-01-02"}}{{if not (.First.Equal .Last)}}…{{.Last.Format "2006-01-02"}}{{end}}<br>{{else}}none{{end}}</td></tr>
{{end}}</table>
</body></html>
`
