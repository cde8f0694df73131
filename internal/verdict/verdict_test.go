package verdict

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/report"
)

func result(status finding.Status, sev finding.Severity) finding.Finding {
	return finding.Finding{ControlID: "TEST-001", Status: status, Severity: sev, Resource: &finding.ResourceRef{}}
}

// TestCodeTable: the codes are a contract with CI systems and the README;
// a change here is a breaking change, never a refactoring.
func TestCodeTable(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []int{0, 1, 2, 3, 130}, []int{ExitOK, ExitFindings, ExitInput, ExitNotEvaluated, ExitInterrupted})
}

func TestAudit(t *testing.T) {
	t.Parallel()
	pass := result(finding.Pass, finding.High)
	tests := []struct {
		name   string
		r      report.Report
		failOn finding.Severity
		want   int
	}{
		{"a pass", report.Report{Findings: []finding.Finding{pass}, Evidence: report.EvidenceInfo{Resources: 1}}, finding.Low, ExitOK},
		{"a failure at fail-on", report.Report{Findings: []finding.Finding{pass, result(finding.Fail, finding.Low)}, Evidence: report.EvidenceInfo{Resources: 2}}, finding.Low, ExitFindings},
		{"a failure below fail-on", report.Report{Findings: []finding.Finding{pass, result(finding.Fail, finding.Low)}, Evidence: report.EvidenceInfo{Resources: 2}}, finding.High, ExitOK},
		{"a waived failure", report.Report{Findings: []finding.Finding{result(finding.Waived, finding.Critical)}, Evidence: report.EvidenceInfo{Resources: 1}}, finding.Low, ExitOK},
		{"an error below fail-on still wins", report.Report{Findings: []finding.Finding{result(finding.Fail, finding.Critical), result(finding.Error, finding.Info)}, Evidence: report.EvidenceInfo{Resources: 2}}, finding.Critical, ExitNotEvaluated},
		{"not_evaluated at fail-on wins over a failure", report.Report{Findings: []finding.Finding{result(finding.Fail, finding.High), result(finding.NotEvaluated, finding.High)}, Evidence: report.EvidenceInfo{Resources: 2}}, finding.High, ExitNotEvaluated},
		{"not_evaluated below fail-on", report.Report{Findings: []finding.Finding{pass, result(finding.NotEvaluated, finding.Low)}, Evidence: report.EvidenceInfo{Resources: 2}}, finding.High, ExitOK},
		{"incomplete evidence", report.Report{Findings: []finding.Finding{pass}, Evidence: report.EvidenceInfo{Resources: 1, Incomplete: true}}, finding.Low, ExitNotEvaluated},
		{"no verdict at all", report.Report{Findings: []finding.Finding{result(finding.NotEvaluated, finding.Low)}, Evidence: report.EvidenceInfo{Resources: 1}}, finding.Critical, ExitNotEvaluated},
		{"nothing collected", report.Report{Findings: []finding.Finding{}}, finding.Low, ExitNotEvaluated},
		{"an overdue alert at fail-on", report.Report{Findings: []finding.Finding{pass}, Evidence: report.EvidenceInfo{Resources: 1},
			Threats: &governance.Threats{Alerts: []governance.Alert{{Overdue: true, Severity: finding.High}}}}, finding.High, ExitFindings},
		{"an overdue alert below fail-on", report.Report{Findings: []finding.Finding{pass}, Evidence: report.EvidenceInfo{Resources: 1},
			Threats: &governance.Threats{Alerts: []governance.Alert{{Overdue: true, Severity: finding.Low}}}}, finding.High, ExitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, Audit(&tc.r, tc.failOn))
		})
	}
}

func TestNothingEvaluated(t *testing.T) {
	t.Parallel()
	uncovered := finding.Finding{ControlID: NoControlID, Status: finding.NotEvaluated, Severity: finding.Info}
	tests := []struct {
		name   string
		r      report.Report
		reason string
	}{
		{"a pass is a verdict", report.Report{Findings: []finding.Finding{result(finding.Pass, finding.Low), uncovered}, Evidence: report.EvidenceInfo{Resources: 2}}, ""},
		{"a waiver is a verdict", report.Report{Findings: []finding.Finding{result(finding.Waived, finding.Low)}, Evidence: report.EvidenceInfo{Resources: 1}}, ""},
		{"no resources", report.Report{}, "nothing was evaluated: the evidence holds no resources"},
		{"only uncovered types", report.Report{Findings: []finding.Finding{uncovered, uncovered}, Evidence: report.EvidenceInfo{Resources: 5}},
			"nothing was evaluated: no loaded control applies to any of the 5 resource(s)"},
		{"errors and unknowns", report.Report{Findings: []finding.Finding{uncovered, result(finding.Error, finding.Low), result(finding.NotEvaluated, finding.High)}, Evidence: report.EvidenceInfo{Resources: 3}},
			"nothing was evaluated: every one of the 2 result(s) is error or not_evaluated"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			reason, nothing := NothingEvaluated(&tc.r)
			assert.Equal(t, tc.reason, reason)
			assert.Equal(t, tc.reason != "", nothing)
		})
	}
}
