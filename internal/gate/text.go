package gate

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// WriteText is the gate's text report (`--format text` of rampart gate): a
// pull request's results by what the change did to them — new (and which of
// them block), checked by the audit, unchanged, fixed, waived — each marked,
// with the fix for every new failure. It carries no risk register, training
// gaps or framework views: those are the audit's (docs/gate.md). Warnings
// and the reasons of the verdict are the log's (standard error), printed
// once there; the report says how many.
func WriteText(w io.Writer, r *report.Report) error { return writeText(w, r, false) }

// WriteTextColour is WriteText for a terminal: the verdict, severities and
// statuses in report's colours (the CLI picks it, as for audit's text).
func WriteTextColour(w io.Writer, r *report.Report) error { return writeText(w, r, true) }

func writeText(w io.Writer, r *report.Report, colour bool) error {
	g := r.Gate
	if g == nil {
		if colour {
			return report.WriteTextColour(w, r)
		}
		return report.WriteText(w, r)
	}
	c := classify(r)
	// Buffered straight into w: the text of a 200-file gate is megabytes,
	// and a strings.Builder grew it by copying, doubling after doubling.
	sb := bufio.NewWriterSize(w, 64<<10)
	verdictWord := report.Paint(colour, report.ANSIGreen, "passed")
	if !g.Passed {
		verdictWord = report.Paint(colour, report.ANSIRed, "FAILED")
	}
	rule := "new results at or above " + g.FailOn + " block"
	if g.FailOn == verdict.FailOnNone {
		rule = "report only: --fail-on none, only what could not be evaluated blocks"
	}
	fmt.Fprintf(sb, "Rampart gate %s (baseline %s; %s)\n", verdictWord, g.Baseline, rule)
	fmt.Fprintf(sb, "%d new (%d blocking), %d checked by the audit, %d unchanged, %d fixed, %d waived\n",
		len(c.new), len(g.Blocking), len(c.audit), len(c.unchanged), len(g.Fixed), len(c.waived))
	if r.Evidence.Incomplete {
		fmt.Fprintf(sb, "EVIDENCE INCOMPLETE: %s\n", r.Evidence.IncompleteReason)
	}
	fixes := map[string]report.ControlDoc{}
	for _, d := range r.Controls {
		fixes[d.ID] = d
	}
	fixText := map[string]string{}
	blocking := set(g.Blocking)
	section(sb, colour, "New", c.new, func(f *finding.Finding) string {
		if blocking[f.Fingerprint] {
			return "new, blocks"
		}
		return "new"
	}, func(f *finding.Finding) string {
		if f.Status != finding.Fail {
			return ""
		}
		// Once per control: a control's remediation is the same text for
		// every one of its failures.
		if s, ok := fixText[f.ControlID]; ok {
			return s
		}
		d := fixes[f.ControlID]
		s := firstOf(d.Terraform, d.Console)
		fixText[f.ControlID] = s
		return s
	})
	section(sb, colour, "Checked by the audit (Terraform cannot know these values; not blocking)", c.audit, label("audit"), nil)
	section(sb, colour, "Unchanged (already in the baseline; not blocking)", c.unchanged, label("unchanged"), nil)
	fixedPtrs := make([]*finding.Finding, len(g.Fixed))
	for i := range g.Fixed {
		fixedPtrs[i] = &g.Fixed[i]
	}
	section(sb, colour, "Fixed", fixedPtrs, label("fixed"), nil)
	section(sb, colour, "Waived", c.waived, func(f *finding.Finding) string { return "waived by " + f.Waiver }, nil)
	if n := len(r.Warnings); n > 0 {
		fmt.Fprintf(sb, "\n%d warning(s): in the log (standard error) and the JSON and Markdown reports\n", n)
	}
	if err := sb.Flush(); err != nil {
		return fmt.Errorf("write gate text report: %w", err)
	}
	return nil
}

// classes are a gate report's findings by what the change did to them.
type classes struct {
	new, audit, unchanged, waived []*finding.Finding
}

// classify sorts the report's findings into the gate's classes, most severe
// first; passes are left out (the JSON report has them).
func classify(r *report.Report) classes {
	g := r.Gate
	audit := set(g.CheckedByAudit)
	var c classes
	for i := range r.Findings {
		f := &r.Findings[i]
		switch {
		case f.Status == finding.Waived:
			c.waived = append(c.waived, f)
		case f.Status == finding.Pass:
		case audit[f.Fingerprint]:
			c.audit = append(c.audit, f)
		case g.Changes[f.Fingerprint] == Unchanged:
			c.unchanged = append(c.unchanged, f)
		default:
			c.new = append(c.new, f)
		}
	}
	for _, fs := range [][]*finding.Finding{c.new, c.audit, c.unchanged, c.waived} {
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Severity.Rank() > fs[j].Severity.Rank() })
	}
	return c
}

func section(sb *bufio.Writer, colour bool, title string, fs []*finding.Finding, mark func(*finding.Finding) string, fix func(*finding.Finding) string) {
	if len(fs) == 0 {
		return
	}
	// Written piece by piece rather than with fmt: a 200-file gate lists
	// thousands of results, and Fprintf's formatting was most of this
	// writer's time.
	sb.WriteString("\n")
	sb.WriteString(title)
	sb.WriteString(" (")
	sb.WriteString(strconv.Itoa(len(fs)))
	sb.WriteString("):\n")
	for _, f := range fs {
		m := mark(f)
		if blocksMark(m) {
			m = report.Paint(colour, report.ANSIRed, m)
		}
		sb.WriteString("  [")
		sb.WriteString(m)
		sb.WriteString("] ")
		sb.WriteString(report.Paint(colour, report.SeverityStyle(f.Severity), strings.ToUpper(string(f.Severity))))
		sb.WriteString(" ")
		sb.WriteString(report.Paint(colour, report.StatusStyle(f.Status), statusWord(f.Status)))
		sb.WriteString(" ")
		sb.WriteString(f.ControlID)
		sb.WriteString("  ")
		sb.WriteString(f.Title)
		sb.WriteString("\n      ")
		sb.WriteString(f.Resource.Type)
		sb.WriteString(" ")
		sb.WriteString(f.Resource.ID)
		if f.Resource.Source.File != "" {
			sb.WriteString("  ")
			sb.WriteString(f.Resource.Source.File)
			sb.WriteString(":")
			sb.WriteString(strconv.Itoa(f.Resource.Source.Line))
		}
		sb.WriteString("\n      ")
		sb.WriteString(f.Message)
		sb.WriteString("\n")
		if fix != nil {
			if s := fix(f); s != "" {
				sb.WriteString("      fix: ")
				sb.WriteString(s)
				sb.WriteString("\n")
			}
		}
	}
}

// blocksMark reports whether a mark says the result blocks the change.
func blocksMark(mark string) bool { return strings.HasSuffix(mark, "blocks") }

func label(mark string) func(*finding.Finding) string {
	return func(*finding.Finding) string { return mark }
}

func statusWord(s finding.Status) string {
	if s == finding.NotEvaluated {
		return "NOT EVALUATED"
	}
	return strings.ToUpper(string(s))
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return ""
}

func set(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}
