package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/link"
)

// WriteText writes the human summary: counts by status and severity, every
// failing finding with what it threatens, then what was waived, what could
// not be evaluated and why.
func WriteText(w io.Writer, r *Report) error { return writeText(w, r, false) }

// WriteTextColour is WriteText for a terminal: severities and statuses in
// their colours (colour.go). The CLI picks it for standard output when that
// is a terminal that may carry colour; a file or a pipe gets WriteText.
func WriteTextColour(w io.Writer, r *Report) error { return writeText(w, r, true) }

// TextSeverity is a severity in capitals, padded to width before it is
// painted so that coloured columns stay aligned.
func TextSeverity(colour bool, s finding.Severity, width int) string {
	return Paint(colour, SeverityStyle(s), fmt.Sprintf("%-*s", width, strings.ToUpper(string(s))))
}

func writeText(w io.Writer, r *Report, colour bool) error {
	ew := &errWriter{w: w}
	s := r.Summary
	status := func(n int, st finding.Status, word string) string {
		if n == 0 {
			return fmt.Sprintf("%d %s", n, word)
		}
		return Paint(colour, StatusStyle(st), fmt.Sprintf("%d %s", n, word))
	}
	ew.printf("Rampart audit")
	if r.Workspace != "" {
		ew.printf(" of %s", r.Workspace)
	}
	ew.printf("\n%d results: %s, %s, %s, %s, %s\n", s.Total, status(s.Pass, finding.Pass, "pass"), status(s.Fail, finding.Fail, "fail"),
		status(s.Error, finding.Error, "error"), status(s.NotEvaluated, finding.NotEvaluated, "not evaluated"), status(s.Waived, finding.Waived, "waived"))
	if r.Evidence.Incomplete {
		ew.printf("%s: %s\n", Paint(colour, ANSIYellow, "EVIDENCE INCOMPLETE"), r.Evidence.IncompleteReason)
		for _, g := range r.Evidence.Gaps {
			ew.printf("  not collected: %s\n", GapLine(g))
		}
	}
	ew.printf("\n")
	writeSeverityTable(ew, r.Findings, colour)
	writeRiskRegister(ew, r)
	writeTrainingGaps(ew, r)
	writeFrameworks(ew, r)

	failing := filter(r.Findings, finding.Fail, finding.Error)
	if len(failing) > 0 {
		ew.printf("\n%s (%d):\n", Paint(colour, StatusStyle(finding.Fail), "Failing"), len(failing))
		for _, f := range failing {
			ew.printf("  %s %s %s  %s\n", TextSeverity(colour, f.Severity, 8), Paint(colour, StatusStyle(f.Status), fmt.Sprintf("%-4s", statusTag(f.Status))), f.ControlID, f.Title)
			ew.printf("           resource: %s %s", f.Resource.Type, f.Resource.ID)
			if f.Resource.System != "" {
				ew.printf("  (system %s)", f.Resource.System)
			}
			ew.printf("\n           source:   %s\n", f.Resource.Source)
			ew.printf("           %s\n", f.Message)
			if len(f.Risks) > 0 {
				ew.printf("           risks: %s\n", strings.Join(f.Risks, ", "))
			}
		}
	}
	if waived := filter(r.Findings, finding.Waived); len(waived) > 0 {
		ew.printf("\n%s (%d):\n", Paint(colour, StatusStyle(finding.Waived), "Waived"), len(waived))
		for _, f := range waived {
			ew.printf("  %s %s %s — waiver %s\n", f.ControlID, f.Resource.Type, f.Resource.ID, f.Waiver)
		}
	}
	if ne := filter(r.Findings, finding.NotEvaluated); len(ne) > 0 {
		ew.printf("\n%s (%d):\n", Paint(colour, StatusStyle(finding.NotEvaluated), "Not evaluated"), len(ne))
		for _, f := range ne {
			ew.printf("  %s %s %s: %s\n", f.ControlID, f.Resource.Type, f.Resource.ID, f.Message)
		}
	}
	var notable []string
	for _, wv := range r.Waivers {
		if wv.State != "active" {
			notable = append(notable, fmt.Sprintf("  waiver %s (%s): %s, expires %s", wv.ID, wv.Control, wv.State, wv.Expires))
		}
	}
	if len(notable) > 0 {
		ew.printf("\nWaivers needing attention:\n%s\n", strings.Join(notable, "\n"))
	}
	if len(r.Warnings) > 0 {
		ew.printf("\nWarnings:\n")
		for _, wn := range r.Warnings {
			ew.printf("  %s\n", wn)
		}
	}
	return ew.err
}

// writeSeverityTable counts results by severity and status. With colour,
// every cell of the severity column is painted, the header with the
// default style, so the bytes tabwriter counts are the same on every row.
func writeSeverityTable(ew *errWriter, fs []finding.Finding, colour bool) {
	counts := map[finding.Severity]map[finding.Status]int{}
	for _, f := range fs {
		if counts[f.Severity] == nil {
			counts[f.Severity] = map[finding.Status]int{}
		}
		counts[f.Severity][f.Status]++
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tpass\tfail\terror\tnot evaluated\twaived\t\n", Paint(colour, ANSIDefault, "severity"))
	for _, sev := range finding.Severities {
		c := counts[sev]
		if c == nil {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t\n", Paint(colour, SeverityStyle(sev), string(sev)), c[finding.Pass], c[finding.Fail], c[finding.Error], c[finding.NotEvaluated], c[finding.Waived])
	}
	tw.Flush()
}

func statusTag(s finding.Status) string {
	if s == finding.Error {
		return "ERR"
	}
	return "FAIL"
}

// filter returns findings with one of the statuses, most severe first.
func filter(fs []finding.Finding, statuses ...finding.Status) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		for _, s := range statuses {
			if f.Status == s {
				out = append(out, f)
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity.Rank() > out[j].Severity.Rank() })
	return out
}

// errWriter keeps the first write error so a long report reads straight.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

// writeRiskRegister lists every risk with its inherent and residual score,
// highest residual first, flagging what is over appetite or unmeasured.
func writeRiskRegister(ew *errWriter, r *Report) {
	if len(r.Risks) == 0 {
		return
	}
	risks := append([]governance.Risk(nil), r.Risks...)
	sort.SliceStable(risks, func(i, j int) bool { return risks[i].Residual > risks[j].Residual })
	ew.printf("\nRisk register (appetite %g):\n", r.RiskAppetite)
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  risk\tinherent\teffectiveness\tresidual\tappetite\tnotes\n")
	for _, rk := range risks {
		eff := "not measured"
		if rk.Effectiveness != nil {
			eff = fmt.Sprintf("%.0f%%", *rk.Effectiveness*100)
		}
		var notes []string
		if rk.Unmitigated {
			notes = append(notes, "unmitigated")
		} else if rk.Unmeasured {
			notes = append(notes, "unmeasured")
		}
		if rk.Alerts.Overdue > 0 {
			notes = append(notes, fmt.Sprintf("%d alert(s) past SLA", rk.Alerts.Overdue))
		}
		for _, a := range rk.Acceptances {
			note := "accepted by waiver " + a.Waiver
			if a.State != link.WaiverActive {
				note += " (" + string(a.State) + ")"
			}
			notes = append(notes, note)
		}
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%d\t%s\t%s\n", rk.ID, rk.Inherent, eff, rk.Residual, rk.AppetiteStatus, strings.Join(notes, "; "))
	}
	tw.Flush()
}

// writeTrainingGaps lists, per person, the training they lack and why.
func writeTrainingGaps(ew *errWriter, r *Report) {
	if len(r.TrainingGaps) == 0 {
		return
	}
	ew.printf("\nTraining gaps (%d):\n", len(r.TrainingGaps))
	for _, g := range r.TrainingGaps {
		status := "never completed"
		if g.Status == "expired" {
			status = "expired " + g.ExpiredOn
		}
		var why []string
		if len(g.RequiredByRoles) > 0 {
			why = append(why, "required for "+strings.Join(g.RequiredByRoles, ", "))
		}
		if len(g.Findings) > 0 {
			why = append(why, fmt.Sprintf("%d failing finding(s) attributed", len(g.Findings)))
		}
		ew.printf("  %-14s %-22s %-20s %s\n", g.Person, g.Training, status, strings.Join(why, "; "))
	}
}

// writeFrameworks shows each requested framework view: one line per
// reference with its status and the controls mapped to it.
func writeFrameworks(ew *errWriter, r *Report) {
	for _, fw := range r.Frameworks {
		ew.printf("\nFramework %s: %d pass, %d fail, %d incomplete, %d not tested, %d waived\n", fw.Name,
			fw.Summary[governance.FrameworkPass], fw.Summary[governance.FrameworkFail], fw.Summary[governance.FrameworkIncomplete],
			fw.Summary[governance.FrameworkNotTested], fw.Summary[governance.FrameworkWaived])
		for _, ref := range fw.References {
			ids := make([]string, len(ref.Controls))
			for i, c := range ref.Controls {
				ids[i] = c.ID
			}
			ew.printf("  %-10s %-11s %s\n", ref.Ref, ref.Status, strings.Join(ids, ", "))
		}
	}
}
