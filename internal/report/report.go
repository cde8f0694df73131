// Package report is the last stage: it turns linked findings into the
// documents people and tools read. Every writer takes an io.Writer and never
// changes the report it is given; writers are registered by name in Writers.
package report

import (
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/link"
)

// SchemaV1 identifies the JSON report format.
const SchemaV1 = "rampart.report/v1"

// Report is everything one run found.
type Report struct {
	Schema      string    `json:"schema"`
	GeneratedAt time.Time `json:"generated_at"`
	Workspace   string    `json:"workspace,omitempty"`
	// Organisation is the workspace's settings { organisation }.
	Organisation string              `json:"organisation,omitempty"`
	Summary      finding.Summary     `json:"summary"`
	Evidence     EvidenceInfo        `json:"evidence"`
	Findings     []finding.Finding   `json:"findings"`
	Waivers      []link.WaiverStatus `json:"waivers"`
	// Warnings are things a person should act on that are not findings
	// (workspace diagnostics of warning severity, waivers about to expire).
	Warnings []string `json:"warnings,omitempty"`

	// Governance sections (docs/governance.md, docs/report-schema.md).
	// RiskAppetite is the workspace's highest acceptable residual score.
	RiskAppetite float64                  `json:"risk_appetite,omitempty"`
	Risks        []governance.Risk        `json:"risks"`
	TrainingGaps []governance.TrainingGap `json:"training_gaps"`
	Policies     []governance.Policy      `json:"policies"`
	Threats      *governance.Threats      `json:"threats,omitempty"`
	// NotApplicable are the governance pack's blocks nothing in the run
	// makes relevant (docs/governance.md): listed, not scored.
	NotApplicable []governance.NotApplicable `json:"not_applicable,omitempty"`
	// Frameworks holds the views asked for with --framework.
	Frameworks []governance.Framework `json:"frameworks,omitempty"`
	// Gate is set by `rampart gate`: the findings compared with a baseline.
	Gate *GateInfo `json:"gate,omitempty"`
	// Systems are the workspace's systems with the place of their block,
	// for risk owners in the HTML and SARIF locations of live results.
	Systems []SystemRef `json:"systems,omitempty"`
	// Controls documents the controls of the findings (help text and
	// remediation for SARIF rules); writers fall back to finding titles.
	Controls []ControlDoc `json:"controls,omitempty"`

	// RampartVersion is the version of the rampart that wrote the report
	// (set where audit and gate write their outputs; SARIF's
	// tool.driver.version).
	RampartVersion string `json:"rampart_version,omitempty"`
}

// GateInfo is what `rampart gate` adds to a report (docs/gate.md): which
// failures are new against the baseline, which were fixed, and why the gate
// passed or failed.
type GateInfo struct {
	// Baseline names what the findings were compared with: "none", a report
	// file, or "git:REF".
	Baseline string `json:"baseline"`
	// FailOn is the lowest severity whose new results block, or "none"
	// (--fail-on none, --soft-fail: a report-only run).
	FailOn string `json:"fail_on"`
	// Changes classifies every current fail, error and not_evaluated finding
	// by fingerprint as "new" or "unchanged".
	Changes map[string]string `json:"changes"`
	// Fixed are baseline failures that no longer fail.
	Fixed []finding.Finding `json:"fixed"`
	// Blocking lists the fingerprints that fail the gate.
	Blocking []string `json:"blocking"`
	// CheckedByAudit lists the fingerprints of not_evaluated results (new
	// or unchanged) about attributes only live evidence has
	// (gate.CheckedByAudit): shown, never blocking; the scheduled audit
	// decides them.
	CheckedByAudit []string `json:"checked_by_audit,omitempty"`
	// Warnings are the gate's own, about this change (an expired waiver it
	// does not touch); they are also in the report's warnings.
	Warnings []string `json:"-"`
	Passed   bool     `json:"passed"`
	// Reasons says why the gate failed, one line each.
	Reasons []string `json:"reasons,omitempty"`
	// LinkBase prefixes file paths to make links in the Markdown comment
	// (https://github.com/OWNER/REPO/blob/SHA/).
	LinkBase string `json:"link_base,omitempty"`
	// GovernanceFrom says where the workspace's controls, waivers and other
	// governance were read: "git:REF" (the pull request cannot change what
	// judges it) or "working tree" (it can; docs/gate.md).
	GovernanceFrom string `json:"governance_from,omitempty"`
	// GovernanceChanges are the workspace blocks and controls the change
	// adds, removes or edits. They were not applied in this run: they take
	// effect once reviewed and merged.
	GovernanceChanges []GovernanceChange `json:"governance_changes,omitempty"`
}

// GovernanceChange is one workspace control or HCL block that differs
// between the trusted workspace and the pull request's.
type GovernanceChange struct {
	// Kind is the block type (waiver, system, risk …) or "control".
	Kind string `json:"kind"`
	// Name is the block's labels, or the control file under controls/.
	Name string `json:"name"`
	// Change is "added", "removed" or "changed".
	Change string `json:"change"`
	// File and Line locate it in the pull request's tree (in the trusted
	// tree when removed).
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
}

// SystemRef is a workspace system and where its block is.
type SystemRef struct {
	ID             string `json:"id"`
	Name           string `json:"name,omitempty"`
	Owner          string `json:"owner,omitempty"`
	Classification string `json:"classification,omitempty"`
	File           string `json:"file,omitempty"`
	Line           int    `json:"line,omitempty"`
}

// EvidenceInfo says what the findings are based on.
type EvidenceInfo struct {
	Collectors  []string  `json:"collectors"`
	CollectedAt time.Time `json:"collected_at,omitzero"`
	Resources   int       `json:"resources"`
	// Incomplete, CutShort, NotCollected and Gaps follow the one coverage
	// rule of coverage.go (AssessCoverage).
	Incomplete       bool                    `json:"incomplete"`
	IncompleteReason string                  `json:"incomplete_reason,omitempty"`
	CutShort         bool                    `json:"cut_short"`
	NotCollected     []evidence.NotCollected `json:"not_collected"`
	Gaps             []Gap                   `json:"gaps"`
}

// Writer renders a report.
type Writer func(w io.Writer, r *Report) error

// Writers maps each output format to its writer.
var Writers = map[string]Writer{
	"text":     WriteText,
	"json":     WriteJSON,
	"html":     WriteHTML,
	"csv":      WriteCSV,
	"summary":  WriteSummary,
	"sarif":    WriteSARIF,
	"junit":    WriteJUnit,
	"markdown": WriteMarkdown,
}

// redactingWriters are the formats that redact each finding as they
// write it instead of rendering a redacted copy first. A report with one
// token-shaped string among its findings made the copy all of them: 275
// MB beside the report's own 275 MB for a 20,000-repository audit, the
// largest allocation of its write (issue 16). Their output is the
// registered writer's over redactReport's copy, byte for byte
// (TestRedactingJSONIsLookupsCopy).
var redactingWriters = map[string]Writer{
	"json": writeJSONRedacting,
}

// Formats lists the registered format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(Writers))
	for n := range Writers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the writer of a format, redacting: it renders a copy of
// the report with every token-shaped string replaced (internal/redact,
// docs/report-schema.md#redaction). Every command writes its reports
// through Lookup, so no format can leak what a control quoted from the
// evidence. Redaction happens here, at write time, on the copy: the
// fingerprints (computed from the real IDs) and the report the run keeps
// stay as they were, so baselines still match. The findings are redacted
// without reflection (redactReport).
func Lookup(format string) (Writer, error) {
	w, ok := Writers[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (available: %v)", format, Formats())
	}
	if stream, ok := redactingWriters[format]; ok && !finding.WholeResults() {
		return stream, nil
	}
	return func(out io.Writer, r *Report) error {
		safe, err := redactReport(r)
		if err != nil {
			return fmt.Errorf("redact %s report: %w", format, err)
		}
		return w(out, safe)
	}, nil
}
