package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
)

// summaryTopFindings caps the failing findings listed in the summary; the
// full list belongs in the HTML, CSV or JSON report.
const summaryTopFindings = 10

// WriteSummary writes the Markdown management summary: what an information
// security officer hands to management — results at a glance, the risk
// register against appetite, the worst failures, training gaps, policy
// compliance, waivers and overdue security alerts.
func WriteSummary(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	s := r.Summary
	if r.Organisation != "" {
		ew.printf("# %s — security audit, management summary\n\n", md(r.Organisation))
	} else {
		ew.printf("# Security audit — management summary\n\n")
	}
	if r.Workspace != "" {
		ew.printf("Workspace `%s`, generated", r.Workspace)
	} else {
		ew.printf("Generated")
	}
	ew.printf(" %s", r.GeneratedAt.UTC().Format("2006-01-02 15:04 MST"))
	if !r.Evidence.CollectedAt.IsZero() {
		ew.printf(" from evidence collected %s", r.Evidence.CollectedAt.UTC().Format("2006-01-02 15:04 MST"))
	}
	ew.printf(" (%d resources).\n\n", r.Evidence.Resources)
	if r.Evidence.Incomplete {
		ew.printf("> **Evidence incomplete:** %s. Results below do not cover everything.\n", md(r.Evidence.IncompleteReason))
		for _, g := range r.Evidence.Gaps {
			ew.printf(">\n> - Not collected: %s\n", md(GapLine(g)))
		}
		ew.printf("\n")
	}

	over, unmeasured := 0, 0
	for _, rk := range r.Risks {
		if rk.AppetiteStatus == governance.AppetiteOver {
			over++
		}
		if rk.Unmeasured || rk.Unmitigated {
			unmeasured++
		}
	}
	overdueReviews := 0
	for _, p := range r.Policies {
		if p.ReviewOverdue {
			overdueReviews++
		}
	}
	people := map[string]bool{}
	for _, g := range r.TrainingGaps {
		people[g.Person] = true
	}
	ew.printf("## At a glance\n\n")
	ew.printf("| | |\n|---|---|\n")
	ew.printf("| Results | %d: %d pass, %d fail, %d error, %d not evaluated, %d waived |\n", s.Total, s.Pass, s.Fail, s.Error, s.NotEvaluated, s.Waived)
	ew.printf("| Risks over appetite (%g) | %d of %d |\n", r.RiskAppetite, over, len(r.Risks))
	ew.printf("| Risks unmitigated or unmeasured | %d |\n", unmeasured)
	ew.printf("| Training gaps | %d, for %d people |\n", len(r.TrainingGaps), len(people))
	ew.printf("| Policies past their review date | %d of %d |\n", overdueReviews, len(r.Policies))
	if r.Threats != nil {
		ew.printf("| Security alerts open / past SLA | %d / %d |\n", r.Threats.Open, r.Threats.Overdue)
	}
	ew.printf("\n")

	ew.printf("## Risk register\n\n")
	if len(r.Risks) == 0 {
		ew.printf("No risks are defined.\n\n")
	} else {
		ew.printf("| Risk | Inherent | Effectiveness | Residual | Appetite | Notes |\n|---|---:|---:|---:|---|---|\n")
		for _, rk := range r.Risks {
			ew.printf("| %s — %s | %d | %s | %d | %s | %s |\n", md(rk.ID), md(rk.Title), rk.Inherent, percent(rk.Effectiveness), rk.Residual, rk.AppetiteStatus, md(riskNotes(rk)))
		}
		ew.printf("\n")
	}

	failing := filter(r.Findings, finding.Fail, finding.Error)
	ew.printf("## Most severe failures and errors\n\n")
	if len(failing) == 0 {
		ew.printf("No failing or erroring result.\n\n")
	} else {
		ew.printf("| Severity | Control | Resource | Risks | Finding |\n|---|---|---|---|---|\n")
		for i, f := range failing {
			if i == summaryTopFindings {
				break
			}
			ew.printf("| %s | %s | %s | %s | %s |\n", f.Severity, md(f.ControlID), md(f.Resource.ID), md(strings.Join(f.Risks, ", ")), md(f.Message))
		}
		if len(failing) > summaryTopFindings {
			ew.printf("\n%d more in the full report.\n", len(failing)-summaryTopFindings)
		}
		ew.printf("\n")
	}

	ew.printf("## Training gaps\n\n")
	if len(r.TrainingGaps) == 0 {
		ew.printf("Everyone holds the training their roles and resources require.\n\n")
	} else {
		ew.printf("| Person | Training | Status | Why it is needed |\n|---|---|---|---|\n")
		for _, g := range r.TrainingGaps {
			status := g.Status
			if g.Status == governance.GapExpired {
				status = "expired " + g.ExpiredOn
			}
			ew.printf("| %s | %s | %s | %s |\n", md(personName(g)), md(g.Training), status, md(gapReason(g)))
		}
		ew.printf("\n")
	}

	ew.printf("## Policy compliance\n\n")
	if len(r.Policies) == 0 {
		ew.printf("No policies are defined.\n\n")
	} else {
		ew.printf("| Policy | Compliance | Review | Unmeasured statements |\n|---|---:|---|---|\n")
		for _, p := range r.Policies {
			review := p.ReviewStatus
			if p.ReviewDue != "" {
				review += " (due " + p.ReviewDue + ")"
			}
			var unmeasured []string
			for _, st := range p.Statements {
				if st.Unmeasured || st.NotTested {
					unmeasured = append(unmeasured, st.ID)
				}
			}
			ew.printf("| %s — %s | %s | %s | %s |\n", md(p.ID), md(p.Title), percent(p.Compliance), review, md(strings.Join(unmeasured, ", ")))
		}
		ew.printf("\n")
	}

	ew.printf("## Waivers\n\n")
	if len(r.Waivers) == 0 {
		ew.printf("No waivers.\n\n")
	} else {
		ew.printf("| Waiver | Control | State | Expires | Approved by | Risk accepted | Waived |\n|---|---|---|---|---|---|---:|\n")
		for _, wv := range r.Waivers {
			ew.printf("| %s | %s | %s | %s | %s | %s | %d |\n", md(wv.ID), md(wv.Control), wv.State, wv.Expires, md(wv.ApprovedBy), md(wv.Risk), wv.Waived)
		}
		ew.printf("\n")
	}

	if r.Threats != nil {
		ew.printf("## Security alerts past their SLA\n\n")
		overdue := 0
		for _, a := range r.Threats.Alerts {
			if !a.Overdue {
				continue
			}
			if overdue == 0 {
				ew.printf("| Severity | Kind | Repository | Opened | Due | Risks |\n|---|---|---|---|---|---|\n")
			}
			overdue++
			ew.printf("| %s | %s | %s | %s | %s | %s |\n", a.Severity, a.Kind, md(a.Repository), a.CreatedAt, a.Due, md(strings.Join(a.Risks, ", ")))
		}
		if overdue == 0 {
			ew.printf("None of the %d open alerts is past its SLA (%s).\n", r.Threats.Open, slaText(r.Threats.SLA))
		}
		if n := len(r.Threats.Unknown); n > 0 {
			ew.printf("\nAlerts could not be read in %d place(s); see the warnings.\n", n)
		}
		ew.printf("\n")
	}

	for _, fw := range r.Frameworks {
		ew.printf("## Framework %s\n\n", md(fw.Name))
		ew.printf("%d references: %d pass, %d fail, %d incomplete, %d not tested, %d waived.\n\n",
			len(fw.References), fw.Summary[governance.FrameworkPass], fw.Summary[governance.FrameworkFail],
			fw.Summary[governance.FrameworkIncomplete], fw.Summary[governance.FrameworkNotTested], fw.Summary[governance.FrameworkWaived])
		ew.printf("| Reference | Status | Controls |\n|---|---|---|\n")
		for _, ref := range fw.References {
			ids := make([]string, len(ref.Controls))
			for i, c := range ref.Controls {
				ids[i] = c.ID + " " + strings.ReplaceAll(c.Status, "_", " ")
			}
			ew.printf("| %s | %s | %s |\n", md(ref.Ref), strings.ReplaceAll(ref.Status, "_", " "), md(strings.Join(ids, ", ")))
		}
		ew.printf("\n")
	}

	if len(r.Warnings) > 0 {
		ew.printf("## Warnings\n\n")
		for _, wn := range r.Warnings {
			ew.printf("- %s\n", md(wn))
		}
	}
	return ew.err
}

func riskNotes(rk governance.Risk) string {
	var notes []string
	if rk.Unmitigated {
		notes = append(notes, "unmitigated")
	}
	if rk.Unmeasured {
		notes = append(notes, "unmeasured")
	}
	if n := rk.Results.Error + rk.Results.NotEvaluated; n > 0 {
		notes = append(notes, fmt.Sprintf("%d result(s) could not be checked", n))
	}
	if rk.Alerts.Overdue > 0 {
		notes = append(notes, fmt.Sprintf("%d alert(s) past SLA", rk.Alerts.Overdue))
	}
	for _, a := range rk.Acceptances {
		notes = append(notes, fmt.Sprintf("accepted by waiver %s (%s)", a.Waiver, a.State))
	}
	return strings.Join(notes, "; ")
}

func gapReason(g governance.TrainingGap) string {
	var parts []string
	if len(g.RequiredByRoles) > 0 {
		parts = append(parts, "required for "+strings.Join(g.RequiredByRoles, ", "))
	}
	if n := len(g.Findings); n > 0 {
		controls := map[string]bool{}
		for _, f := range g.Findings {
			controls[f.ControlID] = true
		}
		ids := make([]string, 0, len(controls))
		for id := range controls {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		parts = append(parts, fmt.Sprintf("%d failing finding(s) attributed (%s)", n, strings.Join(ids, ", ")))
	}
	return strings.Join(parts, "; ")
}

func personName(g governance.TrainingGap) string {
	if g.Name != "" {
		return g.Name + " (" + g.Person + ")"
	}
	return g.Person
}

func percent(v *float64) string {
	if v == nil {
		return "not measured"
	}
	return fmt.Sprintf("%.0f%%", *v*100)
}

func slaText(sla map[string]string) string {
	var parts []string
	for _, sev := range finding.Severities {
		if d, ok := sla[string(sev)]; ok {
			parts = append(parts, string(sev)+" "+d)
		}
	}
	return strings.Join(parts, ", ")
}

// md makes text safe inside a Markdown table cell: pipes would split the
// cell, newlines end the row, and markup characters from the audited estate
// (repository names, messages) must not render as links or emphasis.
var mdEscaper = strings.NewReplacer(
	"|", `\|`, "\r\n", " ", "\n", " ", "\r", " ",
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;",
)

func md(s string) string { return mdEscaper.Replace(s) }
