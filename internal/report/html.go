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
	"upper":   strings.ToUpper,
	"fwlist":  frameworkList,
	"fwnames": frameworkNames,
	"notes":   riskNotes,
	"reason":  gapReason,
}).Parse(htmlTemplate))

// WriteHTML writes the self-contained HTML report: summary, risk heat maps,
// the findings table (filter and sort by status, severity, system, control
// and framework), training gaps by person, policy compliance, waivers,
// security alerts and any framework views.
func WriteHTML(w io.Writer, r *Report) error {
	data := htmlData{
		R:        r,
		Inherent: heatMap(r.Risks, func(rk governance.Risk) int { return rk.Likelihood }, "inherent", r.RiskAppetite),
		Residual: heatMap(r.Risks, func(rk governance.Risk) int { return rk.ResidualLikelihood }, "residual", r.RiskAppetite),
		Findings: sortedFindings(r.Findings),
		People:   gapsByPerson(r.TrainingGaps),
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
	Inherent, Residual heatMapData
	Findings           []finding.Finding
	People             []personGaps
	Statuses           []string
	Severities         []string
	Systems            []string
	Controls           []string
	FrameworkNames     []string
}

// heatMapData is one 5×5 grid: rows are likelihood 5 (top) to 1, columns
// impact 1 to 5, as risk matrices are conventionally drawn.
type heatMapData struct {
	Kind  string
	Cells []heatCell
	Ticks []heatTick
}

// heatTick labels one row (likelihood) or column (impact) of the grid.
type heatTick struct {
	X, Y  int
	Label int
}

type heatCell struct {
	Likelihood, Impact int
	Score              int
	X, Y               int
	Over               bool
	Level              string
	Risks              []string
}

// Grid geometry of the SVG, in user units.
const (
	heatCellSize = 56
	heatOriginX  = 40
	heatOriginY  = 10
)

func heatMap(risks []governance.Risk, likelihood func(governance.Risk) int, kind string, appetite float64) heatMapData {
	hm := heatMapData{Kind: kind}
	for n := 1; n <= 5; n++ {
		hm.Ticks = append(hm.Ticks,
			heatTick{X: heatOriginX + (n-1)*heatCellSize + heatCellSize/2, Y: heatOriginY + 5*heatCellSize + 14, Label: n},
			heatTick{X: heatOriginX - 8, Y: heatOriginY + (5-n)*heatCellSize + heatCellSize/2 + 4, Label: n})
	}
	for l := 5; l >= 1; l-- {
		for i := 1; i <= 5; i++ {
			c := heatCell{Likelihood: l, Impact: i, Score: l * i, X: heatOriginX + (i-1)*heatCellSize, Y: heatOriginY + (5-l)*heatCellSize}
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
			hm.Cells = append(hm.Cells, c)
		}
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
