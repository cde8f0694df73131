package report

// htmlTemplate is the report page. It is one file with its style and script
// inline and a Content-Security-Policy that forbids loading anything else,
// so it opens offline, from an e-mail attachment or an evidence archive, and
// looks the same years later.
//
// It reads as a board paper: what was not looked at (the coverage banner),
// the numbers that matter, the risk register and its heat maps, policy
// compliance, training gaps, waivers and alerts — then the results that
// need action (fail, error, not evaluated). Passed and waived results are
// one click away in a <details>, which works without the script; the script
// only filters and sorts rows that are already in the page. Printed, the
// navigation and filters are left out and the passes stay folded, so the
// PDF is a short document.
const htmlTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#1d232a}
h1{font-size:1.6em;margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}h3{margin:1em 0 .3em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f6f8fa}th[data-sort]{cursor:pointer}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
code,.id{overflow-wrap:anywhere;font-size:.9em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(11em,1fr));gap:.6em}.card{border:1px solid #d0d7de;border-radius:6px;padding:.5em .8em}.card b{display:block;font-size:1.45em}.card.alarm b{color:#cf222e}
.s-pass{color:#1a7f37}.s-fail,.s-error{color:#cf222e;font-weight:600}.s-not_evaluated,.s-incomplete,.s-not_tested{color:#9a6700}.s-waived{color:#6e7781}
.over{color:#cf222e;font-weight:600}.within{color:#1a7f37}
.banner{background:#fff8c5;border:1px solid #d4a72c;padding:.5em 1em;border-radius:6px;margin:.6em 0}.banner ul{margin:.3em 0;padding-left:1.2em}
nav#toc{font-size:.9em;margin:.6em 0}nav#toc a{margin-right:1em;white-space:nowrap}
.filters{display:flex;flex-wrap:wrap;gap:.6em;align-items:end}.filters label{display:flex;flex-direction:column;font-size:.85em}
.maps{display:flex;flex-wrap:wrap;gap:2em}.heatmap{margin:0}
table.heat{width:auto;border-collapse:separate;border-spacing:2px;table-layout:fixed}table.heat td,table.heat th{border:0;width:7.5em;height:3em;font-size:.72em;text-align:center;vertical-align:middle;padding:.1em}
table.heat th{background:none;color:#57606a;font-weight:normal;width:auto;height:auto}table.heat th.axis{padding:.4em}
.lvl-low{background:#dafbe1}.lvl-medium{background:#fff8c5}.lvl-over{background:#ffd8b5}.lvl-high{background:#ffcecb}
.heat-cell span{display:block;line-height:1.15;overflow-wrap:normal}.print-only{display:none}
.fw-control{display:block}.msg{max-width:30em}.muted{color:#6e7781}
details>summary{cursor:pointer;font-weight:600;margin:.6em 0}
@media print{
 body{max-width:none;padding:0;font-size:10.5px}
 nav#toc,.filters,#shown{display:none}
 h2{break-after:avoid;margin-top:1em}tr,.card,.heatmap{break-inside:avoid}thead{display:table-header-group}
 details:not([open])>*:not(summary){display:none}
 .screen-only,table.findings td:nth-child(7),table.findings th:nth-child(7),table.findings td:nth-child(8),table.findings th:nth-child(8){display:none}
 .print-only{display:inline}
 .fw-control{display:inline;margin-right:.8em}
 #control-table td:nth-child(6),#control-table th:nth-child(6){display:none}
 div.screen-only,details.screen-only{display:none}
 @page{margin:12mm}
 .banner{border-width:2px}
 a{color:inherit;text-decoration:none}
}
</style>
</head>
<body>
<header>
<h1 id="title">{{.Heading}}</h1>
<p class="muted" id="meta">Security audit generated {{.R.GeneratedAt.Format "2006-01-02 15:04 MST"}}{{if not .R.Evidence.CollectedAt.IsZero}} · evidence collected {{.R.Evidence.CollectedAt.Format "2006-01-02 15:04 MST"}}{{end}} · {{.R.Evidence.Resources}} resources · collectors: {{join .R.Evidence.Collectors ", "}}{{with .R.Workspace}} · workspace <code>{{.}}</code>{{end}}</p>
</header>
{{if .R.Evidence.Incomplete}}<div class="banner" id="incomplete" role="alert"><b>Evidence incomplete:</b> {{.R.Evidence.IncompleteReason}}. The results do not cover everything.
{{with .R.Evidence.Gaps}}<ul>{{range .}}<li class="gap-scope" data-scope="{{.ScopeID}}" data-type="{{.ResourceType}}">Not collected: {{gapline .}}</li>{{end}}</ul>{{end}}</div>{{end}}
<nav id="toc" aria-label="Contents"><b>Contents:</b>
<a href="#summary">Summary</a><a href="#risks">Risk register</a><a href="#policies">Policy compliance</a><a href="#training">Training gaps</a><a href="#waivers">Waivers</a>{{if .R.Threats}}<a href="#threats">Security alerts</a>{{end}}{{range .R.Frameworks}}<a href="#framework-{{.Name}}">{{.Name}}</a>{{end}}<a href="#by-control">Findings by control</a><a href="#findings">Findings to act on</a><a href="#passed">Passed and waived</a>{{if .R.Warnings}}<a href="#warnings">Warnings</a>{{end}}
</nav>

<section id="summary">
<h2>Summary</h2>
<div class="cards">
{{range .Cards}}<div class="card{{if .Alarm}} alarm{{end}}" data-card="{{.Key}}"><b>{{.Value}}</b>{{.Label}}</div>
{{end}}</div>
</section>

<section id="risks">
<h2>Risk register</h2>
<div class="maps">
{{template "heatmap" .Inherent}}
{{template "heatmap" .Residual}}
</div>
<table id="risk-table">
<thead><tr><th>Risk</th><th>Owner</th><th>Inherent</th><th>Effectiveness</th><th>Residual</th><th>Appetite</th><th>Notes</th></tr></thead>
<tbody>
{{range .R.Risks}}<tr data-risk="{{.ID}}"><td><b class="id">{{.ID}}</b><br>{{.Title}}</td><td class="owner">{{if .Owner}}{{.Owner}}{{else}}<span class="over">no owner</span>{{end}}</td><td>{{.Inherent}} <span class="muted">({{.Likelihood}}×{{.Impact}})</span></td><td>{{percent .Effectiveness}}</td><td>{{.Residual}} <span class="muted">({{.ResidualLikelihood}}×{{.Impact}})</span></td><td class="{{.AppetiteStatus}}">{{label .AppetiteStatus}}</td><td>{{notes .}}</td></tr>
{{else}}<tr><td colspan="7">No risks are defined.</td></tr>{{end}}
</tbody>
</table>
</section>

<section id="policies">
<h2>Policy compliance</h2>
<table id="policy-table">
<thead><tr><th>Policy / statement</th><th>Owner</th><th>Compliance</th><th>Results</th><th>Review</th></tr></thead>
<tbody>
{{range .R.Policies}}<tr class="policy" data-policy="{{.ID}}" data-review="{{.ReviewStatus}}"><td><b class="id">{{.ID}}</b> — {{.Title}}</td><td>{{.Owner}}</td><td>{{percent .Compliance}}</td><td>{{.Results.Pass}} pass · {{.Results.Fail}} fail · {{.Results.Error}} error · {{.Results.NotEvaluated}} not evaluated · {{.Results.Waived}} waived</td><td class="{{if .ReviewOverdue}}over{{end}}">{{label .ReviewStatus}}{{with .ReviewDue}} (due {{.}}){{end}}</td></tr>
{{range .Statements}}<tr class="statement"><td>&nbsp;&nbsp;{{.ID}}: {{.Text}}</td><td></td><td>{{if .Unmeasured}}<span class="over">unmeasured</span>{{else if .NotTested}}<span class="over">not tested</span>{{else}}{{percent .Compliance}}{{end}}</td><td><span class="id">{{join .Controls ", "}}</span></td><td></td></tr>
{{end}}{{else}}<tr><td colspan="5">No policies are defined.</td></tr>{{end}}
</tbody>
</table>
</section>

<section id="training">
<h2>Training gaps by person</h2>
{{range .People}}<div class="person" data-person="{{.Person}}">
<h3>{{if .Name}}{{.Name}} <span class="muted">({{.Person}})</span>{{else}}{{.Person}}{{end}}</h3>
<table><thead><tr><th>Training</th><th>Status</th><th>Why it is needed</th><th>Findings</th></tr></thead><tbody>
{{range .Gaps}}<tr class="gap" data-training="{{.Training}}" data-gap="{{.Status}}"><td><b class="id">{{.Training}}</b><br>{{.TrainingTitle}}</td><td>{{label .Status}}{{with .ExpiredOn}} on {{.}}{{end}}{{with .LastCompleted}}<br><span class="muted">last completed {{.}}</span>{{end}}</td><td>{{reason .}}</td><td>{{with .Findings}}<span class="print-only">{{len .}} failing result(s)</span>{{end}}{{range .Findings}}<div class="screen-only"><code>{{.ControlID}}</code> <span class="id">{{.ResourceID}}</span> <span class="muted">— {{.Attribution}}</span></div>{{end}}</td></tr>
{{end}}</tbody></table>
</div>
{{else}}<p>Everyone holds the training their roles and resources require.</p>{{end}}
</section>

<section id="waivers">
<h2>Waivers</h2>
<table id="waiver-table">
<thead><tr><th>Waiver</th><th>Control</th><th>State</th><th>Expires</th><th>Approved by</th><th>Risk accepted</th><th>Matched / waived</th><th>Reason</th></tr></thead>
<tbody>
{{range .R.Waivers}}<tr class="waiver" data-waiver="{{.ID}}" data-state="{{.State}}"><td class="id">{{.ID}}</td><td class="id">{{.Control}}</td><td class="{{if ne .State "active"}}over{{end}}">{{label .State}}</td><td>{{.Expires}}</td><td>{{.ApprovedBy}}</td><td class="id">{{.Risk}}</td><td>{{.Matched}} / {{.Waived}}</td><td>{{.Reason}}</td></tr>
{{else}}<tr><td colspan="8">No waivers.</td></tr>{{end}}
</tbody>
</table>
</section>

{{with .R.Threats}}<section id="threats">
<h2>Security alerts</h2>
<p>{{.Open}} open, {{.Overdue}} past their remediation SLA.{{range $sev, $d := .SLA}} {{$sev}}: {{$d}}.{{end}}</p>
<table id="alert-table">
<thead><tr><th>Severity</th><th>Kind</th><th>Repository</th><th>Opened</th><th>Age</th><th>Due</th><th>SLA</th><th>Risks</th></tr></thead>
<tbody>
{{range .Alerts}}<tr class="alert" data-overdue="{{.Overdue}}"><td>{{.Severity}}</td><td>{{label .Kind}}</td><td><span class="id">{{.Repository}}</span>{{if .Number}} #{{.Number}}{{end}}{{with .Summary}}<br>{{.}}{{end}}{{with .Resource}}<br>on <span class="id">{{.}}</span>{{end}}{{with .URL}}<br><a class="id" href="{{.}}">{{.}}</a>{{end}}</td><td>{{.CreatedAt}}</td><td>{{.AgeDays}} d</td><td>{{.Due}}</td><td class="{{if .Overdue}}over{{else}}within{{end}}">{{if .Overdue}}overdue{{else}}within{{end}}{{with .Note}}<br><span class="muted">{{.}}</span>{{end}}</td><td class="id">{{join .Risks ", "}}</td></tr>
{{else}}<tr><td colspan="8">No open alerts{{if .Unknown}} in the evidence that could be read{{end}}.</td></tr>{{end}}
</tbody>
</table>
</section>{{end}}

{{range .R.Frameworks}}<section class="framework" id="framework-{{.Name}}" data-framework="{{.Name}}">
<h2>Framework {{.Name}}</h2>
<p>{{len .References}} references: {{index .Summary "pass"}} pass, {{index .Summary "fail"}} fail, {{index .Summary "incomplete"}} incomplete, {{index .Summary "not_tested"}} not tested, {{index .Summary "waived"}} waived.</p>
<table><thead><tr><th>Reference</th><th>Status</th><th>Controls</th></tr></thead><tbody>
{{range .References}}<tr class="reference" data-status="{{.Status}}"><td>{{.Ref}}</td><td class="s-{{.Status}}">{{label .Status}}</td><td>{{range .Controls}}<span class="fw-control"><code>{{.ID}}</code> <span class="s-{{.Status}}">{{label .Status}}</span><span class="muted screen-only"> {{.Title}}</span></span>{{end}}</td></tr>
{{end}}</tbody></table>
</section>{{end}}

<section id="by-control">
<h2>Findings by control</h2>
<p>{{len .Action}} result(s) failed, erred or could not be evaluated, under {{len .ByControl}} control(s); each result is listed in <a href="#by-control">Findings by control</a><a href="#findings">Findings to act on</a>.</p>
<table id="control-table">
<thead><tr><th>Control</th><th>Severity</th><th>Failing</th><th>Not evaluated</th><th>Systems</th><th>Risks</th></tr></thead>
<tbody>
{{range .ByControl}}<tr class="control-row" data-control="{{.ID}}"><td><b class="id">{{.ID}}</b> {{.Title}}</td><td>{{.Severity}}</td><td class="{{if .Fail}}over{{end}}">{{.Fail}}</td><td>{{.Unevaluated}}</td><td class="id">{{join .Systems ", "}}</td><td class="id">{{join .Risks ", "}}</td></tr>
{{else}}<tr><td colspan="6">Nothing failed and everything could be evaluated.</td></tr>{{end}}
</tbody>
</table>
</section>

<section id="findings">
<h2>Findings to act on</h2>
<p>{{len .Action}} result(s) failed, erred or could not be evaluated. {{len .Passed}} passed or waived result(s) are listed <a href="#passed">below</a>.<span class="print-only"> The printed report lists them by control above; every result is in the HTML, CSV and JSON reports.</span></p>
<div class="filters">
<label>Status<select id="f-status" data-filter="status"><option value="">all</option>{{range .Statuses}}<option value="{{.}}">{{label .}}</option>{{end}}</select></label>
<label>Severity<select id="f-severity" data-filter="severity"><option value="">all</option>{{range .Severities}}<option>{{.}}</option>{{end}}</select></label>
<label>System<select id="f-system" data-filter="system"><option value="">all</option>{{range .Systems}}<option>{{.}}</option>{{end}}</select></label>
<label>Control<select id="f-control" data-filter="control"><option value="">all</option>{{range .Controls}}<option>{{.}}</option>{{end}}</select></label>
<label>Framework<select id="f-framework" data-filter="framework"><option value="">all</option>{{range .FrameworkNames}}<option>{{.}}</option>{{end}}</select></label>
<label>Search<input id="f-text" type="search" placeholder="resource, message…"></label>
<span id="shown"><b id="shown-count">{{len .Findings}}</b> of {{len .Findings}} shown</span>
</div>
<div class="screen-only">{{template "findings" dict "ID" "findings-table" "Rows" .Action}}</div>
{{if not .Action}}<p>Nothing failed and everything could be evaluated.</p>{{end}}
<details id="passed" class="screen-only"><summary>Passed and waived results ({{len .Passed}})</summary>
{{template "findings" dict "ID" "passed-table" "Rows" .Passed}}
</details>
</section>

{{with .R.Warnings}}<section id="warnings"><h2>Warnings</h2><ul>{{range .}}<li>{{.}}</li>{{end}}</ul></section>{{end}}

<script>
(function () {
  "use strict";
  var tables = [document.getElementById("findings-table"), document.getElementById("passed-table")];
  var rows = [];
  tables.forEach(function (t) { rows = rows.concat(Array.prototype.slice.call(t.tBodies[0].rows)); });
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var text = document.getElementById("f-text");
  var statusOrder = {fail: 0, error: 1, not_evaluated: 2, waived: 3, pass: 4};

  function apply() {
    var shown = 0, q = text.value.toLowerCase();
    rows.forEach(function (row) {
      var ok = selects.every(function (s) {
        if (!s.value) { return true; }
        var v = row.dataset[s.dataset.filter] || "";
        return s.dataset.filter === "framework" ? v.split(" ").indexOf(s.value) >= 0 : v === s.value;
      });
      if (ok && q) { ok = row.textContent.toLowerCase().indexOf(q) >= 0; }
      row.hidden = !ok;
      if (ok) { shown++; }
    });
    document.getElementById("shown-count").textContent = String(shown);
    // Asking for passes opens the folded table they are in.
    var st = document.getElementById("f-status").value;
    if (st === "pass" || st === "waived") { document.getElementById("passed").open = true; }
  }

  function key(row, col) {
    switch (col) {
    case "status": return statusOrder[row.dataset.status];
    case "severity": return -Number(row.dataset.rank);
    default: return row.dataset[col] || "";
    }
  }

  function sortBy(col, descending) {
    tables.forEach(function (table) {
      var body = table.tBodies[0];
      var own = Array.prototype.slice.call(body.rows);
      own.sort(function (a, b) {
        var x = key(a, col), y = key(b, col);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return descending ? -c : c;
      });
      own.forEach(function (row) { body.appendChild(row); });
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        if (th.dataset.sort === col) { th.setAttribute("aria-sort", descending ? "descending" : "ascending"); }
        else { th.removeAttribute("aria-sort"); }
      });
    });
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  tables.forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (!th.dataset.sort) { return; }
      th.addEventListener("click", function () {
        sortBy(th.dataset.sort, th.getAttribute("aria-sort") === "ascending");
      });
    });
  });

  // A link can carry filters and a sort order: report.html#status=fail&sort=-severity
  var params = new URLSearchParams(location.hash.slice(1));
  selects.forEach(function (s) {
    var v = params.get(s.dataset.filter);
    if (v !== null) { s.value = v; }
  });
  if (params.get("q")) { text.value = params.get("q"); }
  var sort = params.get("sort");
  if (sort) { sortBy(sort.replace(/^-/, ""), sort.charAt(0) === "-"); }
  apply();
  document.body.dataset.ready = "true";
})();
</script>
</body>
</html>
{{define "findings"}}<table id="{{.ID}}" class="findings">
<thead><tr><th data-sort="status">Status</th><th data-sort="severity">Severity</th><th data-sort="control">Control</th><th data-sort="resource">Resource</th><th data-sort="system">System</th><th>Finding</th><th data-sort="framework">Frameworks</th><th>Risks</th></tr></thead>
<tbody>
{{range .Rows}}<tr class="finding" data-status="{{.Status}}" data-severity="{{.Severity}}" data-rank="{{.Severity.Rank}}" data-system="{{.Resource.System}}" data-control="{{.ControlID}}" data-resource="{{.Resource.ID}}" data-framework="{{fwnames .Frameworks}}" data-fingerprint="{{.Fingerprint}}">
<td class="s-{{.Status}}">{{label .Status}}</td><td>{{.Severity}}</td><td><b class="id">{{.ControlID}}</b><br>{{.Title}}</td><td><code>{{.Resource.ID}}</code><span class="muted screen-only"><br>{{.Resource.Type}} · {{.Resource.Source}}</span></td><td class="id">{{.Resource.System}}</td><td class="msg">{{.Message}}{{with .Waiver}}<br><span class="muted">waiver {{.}}</span>{{end}}{{with .WaiverExpired}}<br><span class="over">waiver {{.}} expired</span>{{end}}</td><td>{{fwlist .Frameworks}}</td><td class="id">{{join .Risks ", "}}</td></tr>
{{end}}</tbody>
</table>{{end}}
{{define "heatmap"}}<figure class="heatmap" data-kind="{{.Kind}}">
<figcaption><b>{{if eq .Kind "inherent"}}Inherent{{else}}Residual{{end}} risk</b> — the risks in each cell; orange and red cells are over appetite</figcaption>
<table class="heat" aria-label="{{.Kind}} risk heat map">
<tbody>
{{range $i, $row := .Rows}}<tr>{{if eq $i 0}}<th class="axis" rowspan="5" scope="row">likelihood</th>{{end}}<th scope="row">{{$row.Likelihood}}</th>{{range $row.Cells}}<td class="heat-cell lvl-{{.Level}}" data-likelihood="{{.Likelihood}}" data-impact="{{.Impact}}" data-count="{{len .Risks}}" data-risks="{{join .Risks " "}}" title="likelihood {{.Likelihood}} × impact {{.Impact}} = {{.Score}}">{{range .Risks}}<span class="id">{{.}}</span>{{end}}</td>{{end}}</tr>
{{end}}<tr><th></th><th></th>{{range .Impacts}}<th>{{.}}</th>{{end}}</tr>
<tr><th></th><th></th><th class="axis" colspan="5">impact</th></tr>
</tbody>
</table>
</figure>{{end}}
`
