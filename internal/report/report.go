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
	Schema      string              `json:"schema"`
	GeneratedAt time.Time           `json:"generated_at"`
	Workspace   string              `json:"workspace,omitempty"`
	Summary     finding.Summary     `json:"summary"`
	Evidence    EvidenceInfo        `json:"evidence"`
	Findings    []finding.Finding   `json:"findings"`
	Waivers     []link.WaiverStatus `json:"waivers"`
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
	// Frameworks holds the views asked for with --framework.
	Frameworks []governance.Framework `json:"frameworks,omitempty"`
}

// EvidenceInfo says what the findings are based on.
type EvidenceInfo struct {
	Collectors       []string                `json:"collectors"`
	CollectedAt      time.Time               `json:"collected_at,omitzero"`
	Resources        int                     `json:"resources"`
	Incomplete       bool                    `json:"incomplete"`
	IncompleteReason string                  `json:"incomplete_reason,omitempty"`
	NotCollected     []evidence.NotCollected `json:"not_collected"`
}

// Writer renders a report.
type Writer func(w io.Writer, r *Report) error

// Writers maps each output format to its writer.
var Writers = map[string]Writer{
	"text":    WriteText,
	"json":    WriteJSON,
	"html":    WriteHTML,
	"csv":     WriteCSV,
	"summary": WriteSummary,
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

// Lookup returns the writer of a format.
func Lookup(format string) (Writer, error) {
	w, ok := Writers[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (available: %v)", format, Formats())
	}
	return w, nil
}
