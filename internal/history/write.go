package history

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rampart-audit/rampart/internal/redact"
	"github.com/rampart-audit/rampart/internal/store"
)

// Formats are the output formats of the run list, the diff and the trends.
var Formats = []string{"text", "json", "markdown", "html"}

func checkFormat(format string) error {
	for _, f := range Formats {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (available: %s)", format, strings.Join(Formats, ", "))
}

// section is one list of a diff, as every format shows it.
type section struct {
	Title   string
	Changes []Change
}

func (d *Diff) sections() []section {
	return []section{
		{"New failures", d.NewFailures},
		{"Regressed", d.Regressed},
		{"Resolved", d.Resolved},
		{"Now waived", d.NowWaived},
		{"Not checked this time (never counted as resolved)", d.Unverified},
		{"Still failing", d.StillFailing},
	}
}

// WriteDiff renders a diff; what a control quoted from the evidence is
// redacted first, as in every report (internal/redact).
func WriteDiff(w io.Writer, format string, d *Diff) error {
	if err := checkFormat(format); err != nil {
		return err
	}
	safe, err := redact.Value(d)
	if err != nil {
		return fmt.Errorf("redact diff: %w", err)
	}
	switch format {
	case "json":
		return writeJSON(w, safe)
	case "html":
		return execHTML(w, "diff", safe)
	case "markdown":
		return diffMarkdown(w, safe)
	}
	return diffText(w, safe)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	return nil
}

func diffHeadline(d *Diff) string {
	return fmt.Sprintf("run %d (%s) → run %d (%s): %d new, %d regressed, %d resolved, %d not checked, %d still failing",
		d.From.ID, d.From.StartedAt, d.To.ID, d.To.StartedAt, len(d.NewFailures), len(d.Regressed), len(d.Resolved), len(d.Unverified), len(d.StillFailing))
}

func diffText(w io.Writer, d *Diff) error {
	var b strings.Builder
	b.WriteString(diffHeadline(d) + "\n")
	if d.CatalogChanged {
		fmt.Fprintf(&b, "the controls changed between the runs (%s → %s): some changes are the controls', not the estate's\n", d.From.Catalog, d.To.Catalog)
	}
	for _, s := range d.sections() {
		if len(s.Changes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s (%d)\n", s.Title, len(s.Changes))
		for _, c := range s.Changes {
			fmt.Fprintf(&b, "  %-8s %-14s %s %s  %s→%s", c.Severity, c.ControlID, c.ResourceType, c.ResourceID, orNone(string(c.From)), orNone(string(c.To)))
			if c.Note != "" {
				fmt.Fprintf(&b, "  (%s)", c.Note)
			}
			b.WriteString("\n")
		}
	}
	if len(d.CoverageLost) > 0 {
		fmt.Fprintf(&b, "\nCoverage lost (%d)\n", len(d.CoverageLost))
		for _, l := range d.CoverageLost {
			fmt.Fprintf(&b, "  %s in %s: %s\n", l.ResourceType, l.Scope, l.Reason)
		}
	}
	for _, ws := range []struct {
		title string
		list  []WaiverChange
	}{{"Waivers started", d.WaiversStarted}, {"Waivers ended", d.WaiversEnded}} {
		if len(ws.list) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s (%d)\n", ws.title, len(ws.list))
		for _, wc := range ws.list {
			fmt.Fprintf(&b, "  %s (%s, expires %s): %s→%s\n", wc.ID, wc.Control, wc.Expires, orNone(string(wc.From)), wc.To)
		}
	}
	if len(d.RiskCrossings) > 0 {
		fmt.Fprintf(&b, "\nRisks across the appetite (%d)\n", len(d.RiskCrossings))
		for _, r := range d.RiskCrossings {
			fmt.Fprintf(&b, "  %s %s: residual %d→%d (appetite %g): %s→%s\n", r.ID, r.Title, r.FromResidual, r.ToResidual, r.Appetite, r.From, r.To)
		}
	}
	if d.Empty() {
		b.WriteString("\nnothing changed\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// md escapes a table cell.
func md(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func diffMarkdown(w io.Writer, d *Diff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Run %d → run %d\n\n%s\n", d.From.ID, d.To.ID, md(diffHeadline(d)))
	if d.CatalogChanged {
		fmt.Fprintf(&b, "\n> The controls changed between the runs (`%s` → `%s`): some changes are the controls', not the estate's.\n", d.From.Catalog, d.To.Catalog)
	}
	for _, s := range d.sections() {
		if len(s.Changes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s (%d)\n\n| severity | control | resource | from | to | note |\n|---|---|---|---|---|---|\n", s.Title, len(s.Changes))
		for _, c := range s.Changes {
			fmt.Fprintf(&b, "| %s | %s | %s %s | %s | %s | %s |\n", c.Severity, md(c.ControlID), md(c.ResourceType), md(c.ResourceID), orNone(string(c.From)), orNone(string(c.To)), md(c.Note))
		}
	}
	if len(d.CoverageLost) > 0 {
		fmt.Fprintf(&b, "\n## Coverage lost (%d)\n\n| resource type | scope | reason |\n|---|---|---|\n", len(d.CoverageLost))
		for _, l := range d.CoverageLost {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", md(l.ResourceType), md(l.Scope), md(l.Reason))
		}
	}
	if n := len(d.WaiversStarted) + len(d.WaiversEnded); n > 0 {
		fmt.Fprintf(&b, "\n## Waivers (%d)\n\n| waiver | control | expires | from | to |\n|---|---|---|---|---|\n", n)
		for _, wc := range append(append([]WaiverChange{}, d.WaiversStarted...), d.WaiversEnded...) {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", md(wc.ID), md(wc.Control), md(wc.Expires), orNone(string(wc.From)), wc.To)
		}
	}
	if len(d.RiskCrossings) > 0 {
		fmt.Fprintf(&b, "\n## Risks across the appetite (%d)\n\n| risk | residual | appetite | from | to |\n|---|---|---|---|---|\n", len(d.RiskCrossings))
		for _, r := range d.RiskCrossings {
			fmt.Fprintf(&b, "| %s %s | %d → %d | %g | %s | %s |\n", md(r.ID), md(r.Title), r.FromResidual, r.ToResidual, r.Appetite, r.From, r.To)
		}
	}
	if d.Empty() {
		b.WriteString("\nNothing changed.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteTrends renders trends.
func WriteTrends(w io.Writer, format string, t *Trends) error {
	if err := checkFormat(format); err != nil {
		return err
	}
	safe, err := redact.Value(t)
	if err != nil {
		return fmt.Errorf("redact trends: %w", err)
	}
	switch format {
	case "json":
		return writeJSON(w, safe)
	case "html":
		return execHTML(w, "trends", safe)
	case "markdown":
		return trendsTable(w, safe, true)
	}
	return trendsTable(w, safe, false)
}

// Hours renders a duration in hours for people: "3h", "2.5d".
func Hours(h float64) string {
	switch {
	case h == 0:
		return "-"
	case h < 48:
		return fmt.Sprintf("%.1fh", h)
	}
	return fmt.Sprintf("%.1fd", h/24)
}

func rate(p *float64) string {
	if p == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", *p*100)
}

// trendsTable writes the text and Markdown forms: the same rows, with
// Markdown's table syntax or aligned columns.
func trendsTable(w io.Writer, t *Trends, markdown bool) error {
	var b strings.Builder
	from, to := "", ""
	if len(t.Runs) > 0 {
		from, to = t.Runs[0].StartedAt, t.Runs[len(t.Runs)-1].StartedAt
	}
	title := fmt.Sprintf("Trends over %d run(s) from %s to %s", len(t.Runs), orNone(from), orNone(to))
	tables := []struct {
		title string
		head  []string
		rows  [][]string
	}{
		{"Time to resolve by control", []string{"control", "resolved", "MTTR", "open", "oldest open", "mean open age"}, resolutionRows(t.Controls, "")},
		{"Time to resolve by system", []string{"system", "resolved", "MTTR", "open", "oldest open", "mean open age"}, resolutionRows(t.Systems, "(no system)")},
		{"Residual risk by run", []string{"risk", "residual by run (appetite)"}, riskRows(t.Risks)},
		{"Framework pass rate by run", []string{"framework", "reference", "pass rate by run"}, refRows(t.Frameworks)},
	}
	if markdown {
		fmt.Fprintf(&b, "# %s\n", title)
	} else {
		b.WriteString(title + "\n")
	}
	for _, tb := range tables {
		if len(tb.rows) == 0 {
			continue
		}
		if markdown {
			fmt.Fprintf(&b, "\n## %s\n\n| %s |\n|%s\n", tb.title, strings.Join(tb.head, " | "), strings.Repeat("---|", len(tb.head)))
			for _, r := range tb.rows {
				for i := range r {
					r[i] = md(r[i])
				}
				fmt.Fprintf(&b, "| %s |\n", strings.Join(r, " | "))
			}
			continue
		}
		fmt.Fprintf(&b, "\n%s\n", tb.title)
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  %s\n", strings.Join(tb.head, "\t"))
		for _, r := range tb.rows {
			fmt.Fprintf(tw, "  %s\n", strings.Join(r, "\t"))
		}
		tw.Flush()
	}
	_, err := io.WriteString(w, trimLines(b.String()))
	return err
}

func resolutionRows(rs []Resolution, empty string) [][]string {
	var out [][]string
	for _, r := range rs {
		key := r.Key
		if key == "" {
			key = empty
		}
		out = append(out, []string{key, fmt.Sprint(r.Resolved), Hours(r.MTTRHours), fmt.Sprint(r.Open), Hours(r.OldestOpenHours), Hours(r.MeanOpenHours)})
	}
	return out
}

func riskRows(rs []RiskTrend) [][]string {
	var out [][]string
	for _, r := range rs {
		var pts []string
		for _, p := range r.Points {
			pts = append(pts, fmt.Sprintf("#%d %d (%s)", p.Run, p.Residual, p.Appetite))
		}
		out = append(out, []string{r.ID + " " + r.Title, strings.Join(pts, ", ")})
	}
	return out
}

func refRows(rs []ReferenceTrend) [][]string {
	var out [][]string
	for _, r := range rs {
		var pts []string
		for _, p := range r.Points {
			pts = append(pts, fmt.Sprintf("#%d %s", p.Run, rate(p.PassRate)))
		}
		out = append(out, []string{r.Framework, r.Ref, strings.Join(pts, ", ")})
	}
	return out
}

// WriteRuns renders the run list, newest first as given.
func WriteRuns(w io.Writer, format string, runs []store.Run) error {
	if err := checkFormat(format); err != nil {
		return err
	}
	safe, err := redact.Value(runs)
	if err != nil {
		return fmt.Errorf("redact runs: %w", err)
	}
	if safe == nil {
		safe = []store.Run{}
	}
	switch format {
	case "json":
		return writeJSON(w, runRecords(safe))
	case "html":
		return execHTML(w, "runs", runRecords(safe))
	}
	var b strings.Builder
	head := []string{"run", "state", "started", "duration", "trigger", "workspace", "pass", "fail", "error", "not_evaluated", "waived", "note"}
	rows := make([][]string, 0, len(safe))
	for _, r := range runRecords(safe) {
		rows = append(rows, []string{fmt.Sprint(r.ID), r.State, r.StartedAt, r.Duration, r.Trigger, r.Workspace,
			fmt.Sprint(r.Summary.Pass), fmt.Sprint(r.Summary.Fail), fmt.Sprint(r.Summary.Error), fmt.Sprint(r.Summary.NotEvaluated), fmt.Sprint(r.Summary.Waived), r.Note})
	}
	if format == "markdown" {
		fmt.Fprintf(&b, "# Runs (%d)\n\n| %s |\n|%s\n", len(rows), strings.Join(head, " | "), strings.Repeat("---|", len(head)))
		for _, r := range rows {
			for i := range r {
				r[i] = md(r[i])
			}
			fmt.Fprintf(&b, "| %s |\n", strings.Join(r, " | "))
		}
	} else {
		if len(rows) == 0 {
			b.WriteString("no runs in the store\n")
		} else {
			tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, strings.Join(head, "\t"))
			for _, r := range rows {
				fmt.Fprintln(tw, strings.Join(r, "\t"))
			}
			tw.Flush()
		}
	}
	_, err = io.WriteString(w, trimLines(b.String()))
	return err
}

// trimLines drops the spaces tabwriter leaves after a row's last cell.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// runRecord is a run as the list shows it.
type runRecord struct {
	ID                 store.RunID `json:"id"`
	State              string      `json:"state"`
	Reason             string      `json:"reason,omitempty"`
	Trigger            string      `json:"trigger"`
	Workspace          string      `json:"workspace"`
	Collectors         []string    `json:"collectors"`
	StartedAt          string      `json:"started_at"`
	FinishedAt         string      `json:"finished_at,omitempty"`
	Duration           string      `json:"-"`
	CatalogVersion     string      `json:"catalog_version,omitempty"`
	Summary            summary     `json:"summary"`
	EvidenceIncomplete bool        `json:"evidence_incomplete"`
	Resources          int         `json:"resources"`
	// Incremental and ResultsReused: the run reused that many results of
	// an earlier run whose inputs were unchanged (docs/serve.md).
	Incremental   bool   `json:"incremental"`
	ResultsReused int    `json:"results_reused"`
	Note          string `json:"-"`
}

type summary struct {
	Total, Pass, Fail, Error, NotEvaluated, Waived int
}

func (s summary) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]int{"total": s.Total, "pass": s.Pass, "fail": s.Fail, "error": s.Error, "not_evaluated": s.NotEvaluated, "waived": s.Waived})
}

func runRecords(runs []store.Run) []runRecord {
	out := make([]runRecord, 0, len(runs))
	for _, r := range runs {
		rec := runRecord{ID: r.ID, State: string(r.State), Reason: r.Reason, Trigger: r.Trigger, Workspace: r.Workspace,
			Collectors: nonNil(r.Collectors), StartedAt: stamp(r.StartedAt), FinishedAt: stamp(r.FinishedAt), Duration: "-",
			CatalogVersion: r.CatalogVersion, EvidenceIncomplete: r.EvidenceIncomplete, Resources: r.Resources,
			Incremental: r.Incremental, ResultsReused: r.Reused,
			Summary: summary{r.Summary.Total, r.Summary.Pass, r.Summary.Fail, r.Summary.Error, r.Summary.NotEvaluated, r.Summary.Waived}}
		if !r.FinishedAt.IsZero() {
			rec.Duration = r.FinishedAt.Sub(r.StartedAt).Round(time.Second).String()
		}
		switch {
		case r.State == store.Incomplete:
			rec.Note = r.Reason
		case r.EvidenceIncomplete:
			rec.Note = "evidence incomplete"
		}
		out = append(out, rec)
	}
	return out
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"hours": Hours, "rate": rate, "none": orNone,
	"dict": func(title string, rows []Resolution) map[string]any {
		return map[string]any{"Title": title, "Rows": rows}
	},
	"sections": func(d *Diff) []section { return d.sections() },
	"waivers": func(d *Diff) []WaiverChange {
		out := append(append([]WaiverChange{}, d.WaiversStarted...), d.WaiversEnded...)
		sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return out
	},
}).Parse(htmlPages))

func execHTML(w io.Writer, page string, v any) error {
	if err := pages.ExecuteTemplate(w, page, v); err != nil {
		return fmt.Errorf("render %s page: %w", page, err)
	}
	return nil
}
