package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
)

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"percent": percent,
	"join":    strings.Join,
	"fwlist":  frameworkList,
	"fwnames": frameworkNames,
	"notes":   riskNotes,
	"reason":  gapReason,
	"gapline": GapLine,
	"label":   humanLabel,
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
}).Parse(htmlTemplate))

// WriteHTML writes the self-contained HTML report for management and
// auditors: coverage, summary cards, the risk register with heat maps,
// policy compliance, training gaps, waivers, security alerts, framework
// views, then the results that need action, with passes folded below
// (filter and sort by status, severity, system, control and framework).
func WriteHTML(w io.Writer, r *Report) error {
	data := htmlData{
		R:        r,
		Title:    "Security audit",
		Heading:  "Security audit",
		Inherent: heatMap(r.Risks, func(rk governance.Risk) int { return rk.Likelihood }, "inherent", r.RiskAppetite),
		Residual: heatMap(r.Risks, func(rk governance.Risk) int { return rk.ResidualLikelihood }, "residual", r.RiskAppetite),
		Findings: sortedFindings(r.Findings),
		People:   gapsByPerson(r.TrainingGaps),
		Cards:    summaryCards(r),
	}
	data.ByControl = controlRows(data.Findings)
	switch {
	case r.Organisation != "":
		data.Title, data.Heading = r.Organisation+" — security audit", r.Organisation
	case r.Workspace != "":
		data.Title = "Security audit — " + r.Workspace
	}
	for _, f := range data.Findings {
		if f.Status == finding.Pass || f.Status == finding.Waived {
			data.Passed = append(data.Passed, f)
		} else {
			data.Action = append(data.Action, f)
		}
	}
	set := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			if k != "" {
				out = append(out, k)
			}
		}
		sort.Strings(out)
		return out
	}
	systems, controls, frameworks := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, f := range r.Findings {
		systems[f.Resource.System] = true
		controls[f.ControlID] = true
		for fw := range f.Frameworks {
			frameworks[fw] = true
		}
	}
	data.Systems, data.Controls, data.FrameworkNames = set(systems), set(controls), set(frameworks)
	for _, s := range finding.Statuses {
		data.Statuses = append(data.Statuses, string(s))
	}
	for _, s := range finding.Severities {
		data.Severities = append(data.Severities, string(s))
	}
	// Render to memory first: a template error must not leave half a page.
	var buf bytes.Buffer
	if err := htmlPage.Execute(&buf, data); err != nil {
		return fmt.Errorf("render HTML report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	return nil
}

type htmlData struct {
	R                  *Report
	Title, Heading     string
	Cards              []summaryCard
	Inherent, Residual heatMapData
	// Findings are every result in report order for the page; Action the
	// fail, error and not_evaluated ones shown first, Passed the rest.
	Findings, Action, Passed []finding.Finding
	ByControl                []controlRow
	People                   []personGaps
	Statuses                 []string
	Severities               []string
	Systems                  []string
	Controls                 []string
	FrameworkNames           []string
}

// controlRow is one control's results that need action, for the page
// (and the printed report) to read by control rather than by resource.
type controlRow struct {
	ID, Title         string
	Severity          finding.Severity
	Fail, Unevaluated int
	Systems, Risks    []string
}

// controlRows groups the fail, error and not_evaluated results by control,
// most severe and most failing first.
func controlRows(fs []finding.Finding) []controlRow {
	byID := map[string]*controlRow{}
	systems, risks := map[string]map[string]bool{}, map[string]map[string]bool{}
	var order []string
	for _, f := range fs {
		if f.Status == finding.Pass || f.Status == finding.Waived {
			continue
		}
		row, ok := byID[f.ControlID]
		if !ok {
			row = &controlRow{ID: f.ControlID, Title: f.Title, Severity: f.Severity}
			byID[f.ControlID], systems[f.ControlID], risks[f.ControlID] = row, map[string]bool{}, map[string]bool{}
			order = append(order, f.ControlID)
		}
		if f.Status == finding.Fail {
			row.Fail++
		} else {
			row.Unevaluated++
		}
		if f.Resource.System != "" {
			systems[f.ControlID][f.Resource.System] = true
		}
		for _, rk := range f.Risks {
			risks[f.ControlID][rk] = true
		}
	}
	out := make([]controlRow, 0, len(order))
	for _, id := range order {
		row := byID[id]
		row.Systems, row.Risks = sortedKeys(systems[id]), sortedKeys(risks[id])
		out = append(out, *row)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		if a.Fail != b.Fail {
			return a.Fail > b.Fail
		}
		return a.ID < b.ID
	})
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// summaryCard is one number that matters, with what it counts.
type summaryCard struct {
	Key, Value, Label string
	// Alarm marks a number that needs attention (drawn red).
	Alarm bool
}

// summaryCards are the numbers a board asks for first: how much passed,
// how much failed or could not be checked, how many risks are over
// appetite, and the governance gaps.
func summaryCards(r *Report) []summaryCard {
	s := r.Summary
	judged := s.Pass + s.Fail
	rate := "—"
	if judged > 0 {
		rate = fmt.Sprintf("%.0f%%", 100*float64(s.Pass)/float64(judged))
	}
	over, noOwner := 0, 0
	for _, rk := range r.Risks {
		if rk.AppetiteStatus == governance.AppetiteOver {
			over++
		}
		if rk.Owner == "" {
			noOwner++
		}
	}
	people := map[string]bool{}
	for _, g := range r.TrainingGaps {
		people[g.Person] = true
	}
	overdueReviews := 0
	for _, p := range r.Policies {
		if p.ReviewOverdue {
			overdueReviews++
		}
	}
	attention := 0
	for _, wv := range r.Waivers {
		if wv.State != "active" {
			attention++
		}
	}
	cards := []summaryCard{
		{Key: "pass-rate", Value: rate, Label: fmt.Sprintf("pass rate (%d of %d judged results)", s.Pass, judged)},
		{Key: "fail", Value: fmt.Sprint(s.Fail), Label: "failures", Alarm: s.Fail > 0},
		{Key: "not-evaluated", Value: fmt.Sprint(s.NotEvaluated + s.Error), Label: "could not be evaluated", Alarm: s.NotEvaluated+s.Error > 0},
		{Key: "risks-over", Value: fmt.Sprintf("%d of %d", over, len(r.Risks)), Label: fmt.Sprintf("risks over appetite (%g)", r.RiskAppetite), Alarm: over > 0},
		{Key: "training", Value: fmt.Sprint(len(r.TrainingGaps)), Label: fmt.Sprintf("training gaps, %d people", len(people)), Alarm: len(r.TrainingGaps) > 0},
		{Key: "policies", Value: fmt.Sprintf("%d of %d", overdueReviews, len(r.Policies)), Label: "policies past review", Alarm: overdueReviews > 0},
		{Key: "waivers", Value: fmt.Sprintf("%d of %d", attention, len(r.Waivers)), Label: "waivers expiring, expired or unused", Alarm: attention > 0},
	}
	if r.Threats != nil {
		cards = append(cards, summaryCard{Key: "alerts", Value: fmt.Sprintf("%d of %d", r.Threats.Overdue, r.Threats.Open), Label: "security alerts past SLA", Alarm: r.Threats.Overdue > 0})
	}
	if len(r.Evidence.NotCollected) > 0 || r.Evidence.CutShort {
		cards = append(cards, summaryCard{Key: "not-collected", Value: fmt.Sprint(len(r.Evidence.NotCollected)), Label: "scopes not collected", Alarm: true})
	}
	if noOwner > 0 {
		cards = append(cards, summaryCard{Key: "no-owner", Value: fmt.Sprint(noOwner), Label: "risks without an owner", Alarm: true})
	}
	return cards
}

// humanLabel turns an enum value into words: not_evaluated → "not
// evaluated", code_scanning → "code scanning", too_long → "too long".
func humanLabel(v any) string {
	s := fmt.Sprint(v)
	if s == "dependabot" {
		return "Dependabot"
	}
	return strings.ReplaceAll(s, "_", " ")
}

// heatMapData is one 5×5 grid: rows are likelihood 5 (top) to 1, columns
// impact 1 to 5, as risk matrices are conventionally drawn.
type heatMapData struct {
	Kind    string
	Rows    []heatRow
	Impacts []int
}

type heatRow struct {
	Likelihood int
	Cells      []heatCell
}

type heatCell struct {
	Likelihood, Impact int
	Score              int
	Over               bool
	Level              string
	Risks              []string
}

func heatMap(risks []governance.Risk, likelihood func(governance.Risk) int, kind string, appetite float64) heatMapData {
	hm := heatMapData{Kind: kind, Impacts: []int{1, 2, 3, 4, 5}}
	for l := 5; l >= 1; l-- {
		row := heatRow{Likelihood: l}
		for i := 1; i <= 5; i++ {
			c := heatCell{Likelihood: l, Impact: i, Score: l * i}
			c.Over = float64(c.Score) > appetite
			switch {
			case c.Over && c.Score >= 15:
				c.Level = "high"
			case c.Over:
				c.Level = "over"
			case c.Score >= 4:
				c.Level = "medium"
			default:
				c.Level = "low"
			}
			for _, rk := range risks {
				if likelihood(rk) == l && rk.Impact == i {
					c.Risks = append(c.Risks, rk.ID)
				}
			}
			row.Cells = append(row.Cells, c)
		}
		hm.Rows = append(hm.Rows, row)
	}
	return hm
}

// sortedFindings puts what needs action first; the page can re-sort.
func sortedFindings(fs []finding.Finding) []finding.Finding {
	out := append([]finding.Finding(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if statusOrder(a.Status) != statusOrder(b.Status) {
			return statusOrder(a.Status) < statusOrder(b.Status)
		}
		return a.Severity.Rank() > b.Severity.Rank()
	})
	return out
}

type personGaps struct {
	Person, Name string
	Gaps         []governance.TrainingGap
}

func gapsByPerson(gaps []governance.TrainingGap) []personGaps {
	var out []personGaps
	for _, g := range gaps {
		if n := len(out); n > 0 && out[n-1].Person == g.Person {
			out[n-1].Gaps = append(out[n-1].Gaps, g)
			continue
		}
		out = append(out, personGaps{Person: g.Person, Name: g.Name, Gaps: []governance.TrainingGap{g}})
	}
	return out
}

// frameworkNames is the space-separated list the page filters on.
func frameworkNames(fw map[string][]string) string {
	names := make([]string, 0, len(fw))
	for n := range fw {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}
