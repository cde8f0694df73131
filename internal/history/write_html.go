package history

// htmlPages are self-contained pages (no external assets, no script) for
// the run list, a diff and the trends.
const htmlPages = `
{{define "head"}}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.}}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
.critical,.high{color:#b42318;font-weight:600}.incomplete{color:#b54708}
</style></head><body>
{{end}}
{{define "runs"}}{{template "head" "Rampart runs"}}<h1>Runs ({{len .}})</h1>
{{if .}}<table><thead><tr><th>run</th><th>state</th><th>started</th><th>trigger</th><th>workspace</th><th>pass</th><th>fail</th><th>error</th><th>not evaluated</th><th>waived</th><th>note</th></tr></thead><tbody>
{{range .}}<tr><td>{{.ID}}</td><td class="{{.State}}">{{.State}}</td><td>{{.StartedAt}}</td><td>{{.Trigger}}</td><td>{{.Workspace}}</td><td>{{.Summary.Pass}}</td><td>{{.Summary.Fail}}</td><td>{{.Summary.Error}}</td><td>{{.Summary.NotEvaluated}}</td><td>{{.Summary.Waived}}</td><td>{{.Note}}</td></tr>
{{end}}</tbody></table>{{else}}<p>No runs in the store.</p>{{end}}
</body></html>
{{end}}
{{define "diff"}}{{template "head" "Rampart run diff"}}<h1>Run {{.From.ID}} → run {{.To.ID}}</h1>
<p>{{.From.StartedAt}} → {{.To.StartedAt}}</p>
{{if .CatalogChanged}}<p class="incomplete">The controls changed between the runs ({{.From.Catalog}} → {{.To.Catalog}}): some changes are the controls', not the estate's.</p>{{end}}
{{range sections .}}{{if .Changes}}<h2>{{.Title}} ({{len .Changes}})</h2>
<table><thead><tr><th>severity</th><th>control</th><th>resource</th><th>from</th><th>to</th><th>note</th></tr></thead><tbody>
{{range .Changes}}<tr><td class="{{.Severity}}">{{.Severity}}</td><td>{{.ControlID}}</td><td>{{.ResourceType}} {{.ResourceID}}</td><td>{{none (print .From)}}</td><td>{{none (print .To)}}</td><td>{{.Note}}</td></tr>
{{end}}</tbody></table>{{end}}{{end}}
{{if .CoverageLost}}<h2>Coverage lost ({{len .CoverageLost}})</h2>
<table><thead><tr><th>resource type</th><th>scope</th><th>reason</th></tr></thead><tbody>
{{range .CoverageLost}}<tr><td>{{.ResourceType}}</td><td>{{.Scope}}</td><td>{{.Reason}}</td></tr>
{{end}}</tbody></table>{{end}}
{{with waivers .}}<h2>Waivers ({{len .}})</h2>
<table><thead><tr><th>waiver</th><th>control</th><th>expires</th><th>from</th><th>to</th></tr></thead><tbody>
{{range .}}<tr><td>{{.ID}}</td><td>{{.Control}}</td><td>{{.Expires}}</td><td>{{none (print .From)}}</td><td>{{.To}}</td></tr>
{{end}}</tbody></table>{{end}}
{{if .RiskCrossings}}<h2>Risks across the appetite ({{len .RiskCrossings}})</h2>
<table><thead><tr><th>risk</th><th>residual</th><th>appetite</th><th>from</th><th>to</th></tr></thead><tbody>
{{range .RiskCrossings}}<tr><td>{{.ID}} {{.Title}}</td><td>{{.FromResidual}} → {{.ToResidual}}</td><td>{{.Appetite}}</td><td>{{.From}}</td><td>{{.To}}</td></tr>
{{end}}</tbody></table>{{end}}
{{if .Empty}}<p>Nothing changed.</p>{{end}}
</body></html>
{{end}}
{{define "resolution"}}<table><thead><tr><th>{{.Title}}</th><th>resolved</th><th>MTTR</th><th>open</th><th>oldest open</th><th>mean open age</th></tr></thead><tbody>
{{range .Rows}}<tr><td>{{if .Key}}{{.Key}}{{else}}(no system){{end}}</td><td>{{.Resolved}}</td><td>{{hours .MTTRHours}}</td><td>{{.Open}}</td><td>{{hours .OldestOpenHours}}</td><td>{{hours .MeanOpenHours}}</td></tr>
{{end}}</tbody></table>{{end}}
{{define "trends"}}{{template "head" "Rampart trends"}}<h1>Trends over {{len .Runs}} run(s)</h1>
{{if .Controls}}<h2>Time to resolve by control</h2>{{template "resolution" (dict "control" .Controls)}}{{end}}
{{if .Systems}}<h2>Time to resolve by system</h2>{{template "resolution" (dict "system" .Systems)}}{{end}}
{{if .Risks}}<h2>Residual risk by run</h2>
<table><thead><tr><th>risk</th><th>residual by run (appetite)</th></tr></thead><tbody>
{{range .Risks}}<tr><td>{{.ID}} {{.Title}}</td><td>{{range $i, $p := .Points}}{{if $i}}, {{end}}#{{$p.Run}} {{$p.Residual}} ({{$p.Appetite}}){{end}}</td></tr>
{{end}}</tbody></table>{{end}}
{{if .Frameworks}}<h2>Framework pass rate by run</h2>
<table><thead><tr><th>framework</th><th>reference</th><th>pass rate by run</th></tr></thead><tbody>
{{range .Frameworks}}<tr><td>{{.Framework}}</td><td>{{.Ref}}</td><td>{{range $i, $p := .Points}}{{if $i}}, {{end}}#{{$p.Run}} {{rate $p.PassRate}}{{end}}</td></tr>
{{end}}</tbody></table>{{end}}
</body></html>
{{end}}
`
