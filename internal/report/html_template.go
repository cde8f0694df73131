package report

// htmlTemplate is the report page. It is one file with its style and script
// inline and a Content-Security-Policy that forbids loading anything else,
// so it opens offline, from an e-mail attachment or an evidence archive, and
// looks the same years later. The script only filters and sorts rows that
// are already in the page; without it every row is shown.
const htmlTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rampart audit{{with .R.Workspace}} — {{.}}{{end}}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#1d232a}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f8fa}th[data-sort]{cursor:pointer}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
.cards{display:flex;flex-wrap:wrap;gap:.8em}.card{border:1px solid #d0d7de;border-radius:6px;padding:.6em 1em;min-width:9em}.card b{display:block;font-size:1.5em}
.s-pass{color:#1a7f37}.s-fail,.s-error{color:#cf222e;font-weight:600}.s-not_evaluated{color:#9a6700}.s-waived{color:#6e7781}
.over{color:#cf222e;font-weight:600}.within{color:#1a7f37}.banner{background:#fff8c5;border:1px solid #d4a72c;padding:.6em 1em;border-radius:6px}
.filters{display:flex;flex-wrap:wrap;gap:.6em;align-items:end}.filters label{display:flex;flex-direction:column;font-size:.85em}
.maps{display:flex;flex-wrap:wrap;gap:2em}.maps figure{margin:0;max-width:340px}
svg text{font:11px system-ui,sans-serif}.cell{stroke:#fff;stroke-width:2}
.lvl-low{fill:#dafbe1}.lvl-medium{fill:#fff8c5}.lvl-over{fill:#ffd8b5}.lvl-high{fill:#ffcecb}
.msg{max-width:28em}.muted{color:#6e7781}code{font-size:.9em}
</style>
</head>
<body>
<h1>Rampart audit{{with .R.Workspace}} of <code>{{.}}</code>{{end}}</h1>
<p class="muted">Generated {{.R.GeneratedAt.Format "2006-01-02 15:04 MST"}}{{if not .R.Evidence.CollectedAt.IsZero}} · evidence collected {{.R.Evidence.CollectedAt.Format "2006-01-02 15:04 MST"}}{{end}} · {{.R.Evidence.Resources}} resources · collectors: {{join .R.Evidence.Collectors ", "}}</p>
{{if .R.Evidence.Incomplete}}<p class="banner" id="incomplete"><b>Evidence incomplete:</b> {{.R.Evidence.IncompleteReason}}</p>{{end}}

<section id="summary">
<h2>Summary</h2>
<div class="cards">
<div class="card" data-status="pass"><b>{{.R.Summary.Pass}}</b>pass</div>
<div class="card" data-status="fail"><b class="s-fail">{{.R.Summary.Fail}}</b>fail</div>
<div class="card" data-status="error"><b>{{.R.Summary.Error}}</b>error</div>
<div class="card" data-status="not_evaluated"><b>{{.R.Summary.NotEvaluated}}</b>not evaluated</div>
<div class="card" data-status="waived"><b>{{.R.Summary.Waived}}</b>waived</div>
<div class="card"><b>{{len .R.Risks}}</b>risks (appetite {{.R.RiskAppetite}})</div>
<div class="card"><b>{{len .R.TrainingGaps}}</b>training gaps</div>
{{with .R.Threats}}<div class="card"><b>{{.Overdue}}</b>alerts past SLA</div>{{end}}
</div>
{{with .R.Warnings}}<h3>Warnings</h3><ul id="warnings">{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}
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
{{range .R.Risks}}<tr data-risk="{{.ID}}"><td><b>{{.ID}}</b><br>{{.Title}}</td><td>{{.Owner}}</td><td>{{.Inherent}} <span class="muted">({{.Likelihood}}×{{.Impact}})</span></td><td>{{percent .Effectiveness}}</td><td>{{.Residual}} <span class="muted">({{.ResidualLikelihood}}×{{.Impact}})</span></td><td class="{{.AppetiteStatus}}">{{.AppetiteStatus}}</td><td>{{notes .}}</td></tr>
{{else}}<tr><td colspan="7">No risks are defined.</td></tr>{{end}}
</tbody>
</table>
</section>

<section id="findings">
<h2>Findings</h2>
<div class="filters">
<label>Status<select id="f-status" data-filter="status"><option value="">all</option>{{range .Statuses}}<option>{{.}}</option>{{end}}</select></label>
<label>Severity<select id="f-severity" data-filter="severity"><option value="">all</option>{{range .Severities}}<option>{{.}}</option>{{end}}</select></label>
<label>System<select id="f-system" data-filter="system"><option value="">all</option>{{range .Systems}}<option>{{.}}</option>{{end}}</select></label>
<label>Control<select id="f-control" data-filter="control"><option value="">all</option>{{range .Controls}}<option>{{.}}</option>{{end}}</select></label>
<label>Framework<select id="f-framework" data-filter="framework"><option value="">all</option>{{range .FrameworkNames}}<option>{{.}}</option>{{end}}</select></label>
<label>Search<input id="f-text" type="search" placeholder="resource, message…"></label>
<span><b id="shown-count">{{len .Findings}}</b> of {{len .Findings}} shown</span>
</div>
<table id="findings-table">
<thead><tr><th data-sort="status">Status</th><th data-sort="severity">Severity</th><th data-sort="control">Control</th><th data-sort="resource">Resource</th><th data-sort="system">System</th><th>Finding</th><th data-sort="framework">Frameworks</th><th>Risks</th></tr></thead>
<tbody>
{{range .Findings}}<tr class="finding" data-status="{{.Status}}" data-severity="{{.Severity}}" data-rank="{{.Severity.Rank}}" data-system="{{.Resource.System}}" data-control="{{.ControlID}}" data-resource="{{.Resource.ID}}" data-framework="{{fwnames .Frameworks}}" data-fingerprint="{{.Fingerprint}}">
<td class="s-{{.Status}}">{{.Status}}</td><td>{{.Severity}}</td><td><b>{{.ControlID}}</b><br>{{.Title}}</td><td><code>{{.Resource.ID}}</code><br><span class="muted">{{.Resource.Type}} · {{.Resource.Source}}</span></td><td>{{.Resource.System}}</td><td class="msg">{{.Message}}{{with .Waiver}}<br><span class="muted">waiver {{.}}</span>{{end}}{{with .WaiverExpired}}<br><span class="over">waiver {{.}} expired</span>{{end}}</td><td>{{fwlist .Frameworks}}</td><td>{{join .Risks ", "}}</td></tr>
{{end}}
</tbody>
</table>
</section>

<section id="training">
<h2>Training gaps by person</h2>
{{range .People}}<div class="person" data-person="{{.Person}}">
<h3>{{if .Name}}{{.Name}} <span class="muted">({{.Person}})</span>{{else}}{{.Person}}{{end}}</h3>
<table><thead><tr><th>Training</th><th>Status</th><th>Why it is needed</th><th>Findings</th></tr></thead><tbody>
{{range .Gaps}}<tr class="gap" data-training="{{.Training}}" data-gap="{{.Status}}"><td><b>{{.Training}}</b><br>{{.TrainingTitle}}</td><td>{{.Status}}{{with .ExpiredOn}} on {{.}}{{end}}{{with .LastCompleted}}<br><span class="muted">last completed {{.}}</span>{{end}}</td><td>{{reason .}}</td><td>{{range .Findings}}<div><code>{{.ControlID}}</code> {{.ResourceID}} <span class="muted">— {{.Attribution}}</span></div>{{end}}</td></tr>
{{end}}</tbody></table>
</div>
{{else}}<p>Everyone holds the training their roles and resources require.</p>{{end}}
</section>

<section id="policies">
<h2>Policy compliance</h2>
<table id="policy-table">
<thead><tr><th>Policy / statement</th><th>Compliance</th><th>Results</th><th>Review</th></tr></thead>
<tbody>
{{range .R.Policies}}<tr class="policy" data-policy="{{.ID}}" data-review="{{.ReviewStatus}}"><td><b>{{.ID}}</b> — {{.Title}}</td><td>{{percent .Compliance}}</td><td>{{.Results.Pass}} pass · {{.Results.Fail}} fail · {{.Results.Error}} error · {{.Results.NotEvaluated}} not evaluated · {{.Results.Waived}} waived</td><td class="{{if .ReviewOverdue}}over{{end}}">{{.ReviewStatus}}{{with .ReviewDue}} (due {{.}}){{end}}</td></tr>
{{range .Statements}}<tr class="statement"><td>&nbsp;&nbsp;{{.ID}}: {{.Text}}</td><td>{{if .Unmeasured}}<span class="over">unmeasured</span>{{else if .NotTested}}<span class="over">not tested</span>{{else}}{{percent .Compliance}}{{end}}</td><td>{{join .Controls ", "}}</td><td></td></tr>
{{end}}{{else}}<tr><td colspan="4">No policies are defined.</td></tr>{{end}}
</tbody>
</table>
</section>

<section id="waivers">
<h2>Waivers</h2>
<table id="waiver-table">
<thead><tr><th>Waiver</th><th>Control</th><th>State</th><th>Expires</th><th>Approved by</th><th>Risk accepted</th><th>Matched / waived</th><th>Reason</th></tr></thead>
<tbody>
{{range .R.Waivers}}<tr class="waiver" data-waiver="{{.ID}}" data-state="{{.State}}"><td>{{.ID}}</td><td>{{.Control}}</td><td class="{{if ne .State "active"}}over{{end}}">{{.State}}</td><td>{{.Expires}}</td><td>{{.ApprovedBy}}</td><td>{{.Risk}}</td><td>{{.Matched}} / {{.Waived}}</td><td>{{.Reason}}</td></tr>
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
{{range .Alerts}}<tr class="alert" data-overdue="{{.Overdue}}"><td>{{.Severity}}</td><td>{{.Kind}}</td><td>{{.Repository}}{{if .Number}} #{{.Number}}{{end}}{{with .Summary}}<br>{{.}}{{end}}{{with .URL}}<br><a href="{{.}}">{{.}}</a>{{end}}</td><td>{{.CreatedAt}}</td><td>{{.AgeDays}} d</td><td>{{.Due}}</td><td class="{{if .Overdue}}over{{else}}within{{end}}">{{if .Overdue}}overdue{{else}}within{{end}}{{with .Note}}<br><span class="muted">{{.}}</span>{{end}}</td><td>{{join .Risks ", "}}</td></tr>
{{else}}<tr><td colspan="8">No open alerts{{if .Unknown}} in the evidence that could be read{{end}}.</td></tr>{{end}}
</tbody>
</table>
</section>{{end}}

{{range .R.Frameworks}}<section class="framework" data-framework="{{.Name}}">
<h2>Framework {{.Name}}</h2>
<p>{{len .References}} references: {{index .Summary "pass"}} pass, {{index .Summary "fail"}} fail, {{index .Summary "incomplete"}} incomplete, {{index .Summary "not_tested"}} not tested, {{index .Summary "waived"}} waived.</p>
<table><thead><tr><th>Reference</th><th>Status</th><th>Controls</th></tr></thead><tbody>
{{range .References}}<tr class="reference" data-status="{{.Status}}"><td>{{.Ref}}</td><td class="s-{{.Status}}">{{.Status}}</td><td>{{range .Controls}}<div><code>{{.ID}}</code> {{.Status}} <span class="muted">{{.Title}}</span></div>{{end}}</td></tr>
{{end}}</tbody></table>
</section>{{end}}

<script>
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
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
  }

  function key(row, col) {
    switch (col) {
    case "status": return statusOrder[row.dataset.status];
    case "severity": return -Number(row.dataset.rank);
    default: return row.dataset[col] || "";
    }
  }

  function sortBy(col, descending) {
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      var c = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -c : c;
    });
    rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (th.dataset.sort === col) { th.setAttribute("aria-sort", descending ? "descending" : "ascending"); }
      else { th.removeAttribute("aria-sort"); }
    });
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (!th.dataset.sort) { return; }
    th.addEventListener("click", function () {
      sortBy(th.dataset.sort, th.getAttribute("aria-sort") === "ascending");
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
{{define "heatmap"}}<figure class="heatmap" data-kind="{{.Kind}}">
<figcaption><b>{{if eq .Kind "inherent"}}Inherent{{else}}Residual{{end}} risk</b> — number of risks per cell; orange and red cells are over appetite (hover a cell for its risks)</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" width="330" height="320" viewBox="0 0 330 320" role="img" aria-label="{{.Kind}} risk heat map">
{{range .Cells}}<g class="heat-cell" data-likelihood="{{.Likelihood}}" data-impact="{{.Impact}}" data-count="{{len .Risks}}" data-risks="{{join .Risks " "}}">
<rect class="cell lvl-{{.Level}}" x="{{.X}}" y="{{.Y}}" width="56" height="56"><title>likelihood {{.Likelihood}} × impact {{.Impact}} = {{.Score}}{{if .Risks}}: {{join .Risks ", "}}{{end}}</title></rect>
{{if .Risks}}<text x="{{.X}}" y="{{.Y}}" dx="28" dy="34" text-anchor="middle" font-weight="bold" font-size="16">{{len .Risks}}</text>{{end}}
</g>
{{end}}{{range .Ticks}}<text class="tick" x="{{.X}}" y="{{.Y}}" text-anchor="middle">{{.Label}}</text>
{{end}}<text x="180" y="310" text-anchor="middle">impact</text>
<text x="14" y="150" text-anchor="middle" transform="rotate(-90 14 150)">likelihood</text>
</svg>
</figure>{{end}}
`
