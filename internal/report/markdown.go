package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
)

// MarkdownLimit is GitHub's limit on a comment body (65,536 characters);
// the writer stays under it in bytes, which is never fewer than characters.
const MarkdownLimit = 65536

// markdownBudget leaves room for the truncation note.
const markdownBudget = MarkdownLimit - 1024

// WriteMarkdown writes a pull-request comment: the verdict, counts of new,
// fixed, unchanged, waived results and expiring waivers, a table of new
// failures with links to their lines, and the rest folded in <details>.
// Whatever does not fit under GitHub's limit is cut with a note saying how
// much, and where to find all of it.
func WriteMarkdown(w io.Writer, r *Report) error {
	g := r.Gate
	// Pointers into the report: a large run has tens of thousands of
	// findings, and copies of them were most of this writer's memory.
	var newFail, newOther, unchanged, audit []*finding.Finding
	auditOnly := map[string]bool{}
	if g != nil {
		for _, fp := range g.CheckedByAudit {
			auditOnly[fp] = true
		}
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		switch {
		case f.Status == finding.Pass || f.Status == finding.Waived:
		case auditOnly[f.Fingerprint]:
			audit = append(audit, f)
		case g != nil && g.Changes[f.Fingerprint] == "unchanged":
			unchanged = append(unchanged, f)
		case f.Status == finding.Fail:
			newFail = append(newFail, f)
		default:
			newOther = append(newOther, f)
		}
	}
	bySeverity(newFail)
	bySeverity(newOther)
	bySeverity(unchanged)
	bySeverity(audit)
	var expiring, expired []link.WaiverStatus
	for _, wv := range r.Waivers {
		switch wv.State {
		case link.WaiverExpiring:
			expiring = append(expiring, wv)
		case link.WaiverExpired:
			expired = append(expired, wv)
		}
	}
	var fixed []*finding.Finding
	if g != nil {
		for i := range g.Fixed {
			fixed = append(fixed, &g.Fixed[i])
		}
	}

	var b mdBuilder
	b.budget = markdownBudget
	title := "Rampart audit"
	if g != nil {
		verdict := "✅ passed"
		if !g.Passed {
			verdict = "❌ failed"
		}
		title = "Rampart gate " + verdict
	}
	b.add(fmt.Sprintf("## %s\n\n", title))
	if g != nil {
		blocking := fmt.Sprintf("new results at or above **%s**", g.FailOn)
		if g.FailOn == "none" { // verdict.FailOnNone, which imports this package
			blocking = "report only (`--fail-on none`): only what could not be evaluated"
		}
		b.add(fmt.Sprintf("Baseline: `%s` · blocking: %s\n\n", cell(g.Baseline), blocking))
	}
	if g != nil {
		b.add(fmt.Sprintf("| new failures | new not evaluated | checked by the audit | fixed | unchanged | waived | expiring waivers | expired waivers |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n| %d | %d | %d | %d | %d | %d | %d | %d |\n\n",
			len(newFail), len(newOther), len(audit), len(fixed), len(unchanged), r.Summary.Waived, len(expiring), len(expired)))
	} else {
		b.add(fmt.Sprintf("| failures | errors and not evaluated | waived | expiring waivers | expired waivers |\n|---:|---:|---:|---:|---:|\n| %d | %d | %d | %d | %d |\n\n",
			len(newFail), len(newOther), r.Summary.Waived, len(expiring), len(expired)))
	}
	if r.Evidence.Incomplete {
		var sb strings.Builder
		fmt.Fprintf(&sb, "> [!WARNING]\n> **Evidence incomplete:** %s.\n", cell(r.Evidence.IncompleteReason))
		for _, gap := range r.Evidence.Gaps {
			fmt.Fprintf(&sb, ">\n> - Not collected: %s\n", cell(GapLine(gap)))
		}
		sb.WriteString("\n")
		if !b.add(sb.String()) {
			b.cut(len(r.Evidence.Gaps), "not-collected scopes")
		}
	}
	if g != nil && len(g.Reasons) > 0 {
		b.add("**Why the gate failed**\n\n")
		for i, reason := range g.Reasons {
			if !b.add("- " + cell(reason) + "\n") {
				b.cut(len(g.Reasons)-i, "reasons")
				break
			}
		}
		b.add("\n")
	}
	linkBase := ""
	if g != nil {
		linkBase = g.LinkBase
	}
	if g != nil && len(g.GovernanceChanges) > 0 {
		// Reviewers must see these: the change edits what judges it.
		var sb strings.Builder
		fmt.Fprintf(&sb, "### Governance changes (%d)\n\nThis change edits the workspace's controls or governance. They were **not applied** here — the workspace at `%s` judged this change — and take effect after review and merge.\n\n| change | kind | name | where |\n|---|---|---|---|\n",
			len(g.GovernanceChanges), cell(g.GovernanceFrom))
		for _, c := range g.GovernanceChanges {
			where := c.File
			if c.Line > 0 {
				where = fmt.Sprintf("%s:%d", c.File, c.Line)
			}
			fmt.Fprintf(&sb, "| %s | %s | %s | `%s` |\n", cell(c.Change), cell(c.Kind), cell(c.Name), cell(where))
		}
		sb.WriteString("\n")
		if !b.add(sb.String()) {
			b.cut(len(g.GovernanceChanges), "governance changes")
		}
	}
	failTitle, otherTitle := "New failures", "New results that could not be evaluated"
	if g == nil {
		failTitle, otherTitle = "Failures", "Results that could not be evaluated"
	}
	if len(newFail) > 0 {
		b.add(fmt.Sprintf("### %s (%d)\n\n| severity | control | resource | where | message |\n|---|---|---|---|---|\n", failTitle, len(newFail)))
		for i, f := range newFail {
			if !b.add(findingRow(f, linkBase)) {
				b.cut(len(newFail)-i, strings.ToLower(failTitle))
				break
			}
		}
		b.add("\n")
		if g != nil {
			b.remediation(newFail, r.Controls)
		}
	}
	b.folded(fmt.Sprintf("%s (%d)", otherTitle, len(newOther)), newOther, linkBase)
	if g != nil {
		b.folded(fmt.Sprintf("Checked by the audit, not blocking: values Terraform cannot know (%d)", len(audit)), audit, linkBase)
	}
	b.folded(fmt.Sprintf("Fixed (%d)", len(fixed)), fixed, linkBase)
	if g != nil {
		b.folded(fmt.Sprintf("Unchanged failures (%d)", len(unchanged)), unchanged, linkBase)
	}
	if len(expiring)+len(expired) > 0 {
		var sb strings.Builder
		sb.WriteString("<details><summary>Waivers needing attention</summary>\n\n| waiver | control | state | expires | approved by |\n|---|---|---|---|---|\n")
		for _, wv := range append(expired, expiring...) {
			fmt.Fprintf(&sb, "| %s | %s | %s | %s | %s |\n", cell(wv.ID), cell(wv.Control), wv.State, cell(wv.Expires), cell(wv.ApprovedBy))
		}
		sb.WriteString("\n</details>\n\n")
		if !b.add(sb.String()) {
			b.cut(len(expiring)+len(expired), "waivers")
		}
	}
	if len(r.Warnings) > 0 {
		if b.add(fmt.Sprintf("<details><summary>Warnings (%d)</summary>\n\n", len(r.Warnings))) {
			for i, wn := range r.Warnings {
				if !b.add("- " + cell(wn) + "\n") {
					b.cut(len(r.Warnings)-i, "warnings")
					break
				}
			}
			b.force("\n</details>\n\n")
		} else {
			b.cut(len(r.Warnings), "warnings")
		}
	}
	if b.omitted > 0 {
		b.force(fmt.Sprintf("> [!NOTE]\n> This comment was shortened to stay under GitHub's %d-character limit: %s not shown. The SARIF and JSON reports have every result.\n", MarkdownLimit, strings.Join(b.notes, ", ")))
	}
	if _, err := io.WriteString(w, b.sb.String()); err != nil {
		return fmt.Errorf("write Markdown report: %w", err)
	}
	return nil
}

// remediation lists, once per control, how to fix the new failures: the
// Terraform remediation (the console one when there is none), which SARIF
// carries as help text and a pull-request author needs next to the table.
func (b *mdBuilder) remediation(fs []*finding.Finding, docs []ControlDoc) {
	byID := make(map[string]ControlDoc, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	var sb strings.Builder
	seen := map[string]bool{}
	for _, f := range fs {
		d, ok := byID[f.ControlID]
		if seen[f.ControlID] || !ok {
			continue
		}
		seen[f.ControlID] = true
		fix := strings.TrimSpace(d.Terraform)
		if fix == "" {
			fix = strings.TrimSpace(d.Console)
		}
		if fix == "" {
			continue
		}
		fmt.Fprintf(&sb, "- **%s** %s: %s\n", cell(d.ID), cell(d.Title), cell(fix))
	}
	if sb.Len() == 0 {
		return
	}
	if !b.add("**How to fix**\n\n" + sb.String() + "\n") {
		b.cut(len(seen), "remediations")
	}
}

// mdBuilder appends sections while they fit the budget.
type mdBuilder struct {
	sb      strings.Builder
	budget  int
	omitted int
	notes   []string
	full    bool
}

// add appends s if it fits; once something did not fit, nothing else is
// added, so the comment never skips a row and shows a later one.
func (b *mdBuilder) add(s string) bool {
	if b.full || b.sb.Len()+len(s) > b.budget {
		b.full = true
		return false
	}
	b.sb.WriteString(s)
	return true
}

// force appends closing markup that must be there (it is small and was
// accounted for by the budget's reserve).
func (b *mdBuilder) force(s string) { b.sb.WriteString(s) }

func (b *mdBuilder) cut(n int, what string) {
	b.omitted += n
	b.notes = append(b.notes, fmt.Sprintf("%d %s", n, what))
}

func (b *mdBuilder) folded(summary string, fs []*finding.Finding, linkBase string) {
	if len(fs) == 0 {
		return
	}
	if !b.add(fmt.Sprintf("<details><summary>%s</summary>\n\n| severity | control | resource | where | message |\n|---|---|---|---|---|\n", summary)) {
		b.cut(len(fs), strings.ToLower(summary))
		return
	}
	for i, f := range fs {
		if !b.add(findingRow(f, linkBase)) {
			b.cut(len(fs)-i, "rows of "+strings.ToLower(summary))
			break
		}
	}
	b.force("\n</details>\n\n")
}

func findingRow(f *finding.Finding, linkBase string) string {
	where := ""
	if src := f.Resource.Source; src.File != "" {
		label := src.File
		anchor := ""
		if src.Line > 0 {
			label = fmt.Sprintf("%s:%d", src.File, src.Line)
			anchor = fmt.Sprintf("#L%d", src.Line)
		}
		if linkBase != "" {
			where = fmt.Sprintf("[%s](%s%s%s)", cell(label), linkBase, uriPath(src.File), anchor)
		} else {
			where = "`" + cell(label) + "`"
		}
	} else {
		where = cell(f.Resource.Source.String())
	}
	return fmt.Sprintf("| %s | %s %s | `%s` | %s | %s |\n", f.Severity, f.ControlID, cell(f.Title), cell(f.Resource.ID), where, cell(f.Message))
}

// cell makes text safe inside a Markdown table cell: no pipes, no line
// breaks, no HTML.
func cell(s string) string {
	s = cellEscaper.Replace(s)
	s = strings.ReplaceAll(s, "|", "\\|")
	s = strings.ReplaceAll(s, "\r", " ")
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "`", "'")
	return s
}

// cellEscaper neutralises HTML (a message could contain a tag) but keeps
// quotes readable.
var cellEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func bySeverity(fs []*finding.Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Severity.Rank() > fs[j].Severity.Rank() })
}
