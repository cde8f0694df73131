package verdict

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/report"
)

func on(f finding.Finding, system, message string) finding.Finding {
	f.Resource.System, f.Message = system, message
	return f
}

func TestDecideLine(t *testing.T) {
	t.Parallel()
	pass := result(finding.Pass, finding.High)
	unknown := func(n int, system, msg string) []finding.Finding {
		var out []finding.Finding
		for range n {
			out = append(out, on(result(finding.NotEvaluated, finding.High), system, msg))
		}
		return out
	}
	overdue := &governance.Threats{Alerts: []governance.Alert{{Overdue: true, Severity: finding.Critical}}}
	tests := []struct {
		name string
		r    report.Report
		opts Options
		want string
	}{
		{"clean", report.Report{Findings: []finding.Finding{pass}}, Options{FailOn: finding.Low}, "exit 0: no failure at or above low"},
		{"failures by severity", report.Report{Findings: []finding.Finding{pass, result(finding.Fail, finding.High), result(finding.Fail, finding.Critical), result(finding.Fail, finding.Low)}},
			Options{FailOn: finding.High}, "exit 1: 2 failures at or above high (1 critical, 1 high)"},
		{"an overdue alert is a reason of its own", report.Report{Findings: []finding.Finding{pass}, Threats: overdue},
			Options{FailOn: finding.Critical}, "exit 1: 1 security alert past SLA at or above critical"},
		{"one cause", report.Report{Findings: append([]finding.Finding{pass, result(finding.Fail, finding.Medium)}, unknown(17, "data-pipeline", "403, needs administration:read")...), Threats: overdue},
			Options{FailOn: finding.Low}, "exit 3: 17 results not evaluated at or above low — all on data-pipeline: 403, needs administration:read (--allow-unknown reports them without blocking); 1 failure at or above low (1 medium), 1 security alert past SLA at or above low would also give 1"},
		{"many causes are counted, not listed", report.Report{Findings: append(append(append(append([]finding.Finding{pass}, unknown(4, "a", "x")...), unknown(3, "b", "y")...), unknown(2, "", "z")...), unknown(1, "c", "w")...)},
			Options{FailOn: finding.Low}, "exit 3: 10 results not evaluated at or above low — 4 on a: x; 3 on b: y; 2 on no system: z; and 1 more with 1 other cause (--allow-unknown reports them without blocking)"},
		{"allowed unknowns are said", report.Report{Findings: append([]finding.Finding{pass}, unknown(2, "a", "x")...)},
			Options{FailOn: finding.Low, AllowUnknown: true}, "exit 0: no failure at or above low; 2 results not evaluated, allowed by --allow-unknown"},
		{"an error blocks even when allowed", report.Report{Findings: []finding.Finding{pass, on(result(finding.Error, finding.Info), "a", "eval timeout")}},
			Options{FailOn: "", AllowUnknown: true}, "exit 3: 1 result could not be evaluated (error, at any severity) — all on a: eval timeout"},
		{"report only", report.Report{Findings: []finding.Finding{pass, result(finding.Fail, finding.Critical)}, Threats: overdue},
			Options{FailOn: ""}, "exit 0: report only (--fail-on none)"},
		{"incomplete evidence", report.Report{Findings: []finding.Finding{pass, result(finding.Fail, finding.High)}, Evidence: report.EvidenceInfo{Incomplete: true, IncompleteReason: "rate limit"}},
			Options{FailOn: finding.Low}, "exit 3: the evidence is incomplete: rate limit; 1 failure at or above low (1 high) would also give 1"},
		{"a scope not collected is allowed with its unknowns", report.Report{Findings: append([]finding.Finding{pass, result(finding.Fail, finding.High)}, unknown(2, "a", "403")...),
			Evidence: report.EvidenceInfo{Incomplete: true, IncompleteReason: "1 scope(s) not collected"}},
			Options{FailOn: finding.Low, AllowUnknown: true}, "exit 1: 1 failure at or above low (1 high); the evidence is incomplete, allowed by --allow-unknown: 1 scope(s) not collected"},
		{"a collection cut short is never allowed", report.Report{Findings: []finding.Finding{pass}, Evidence: report.EvidenceInfo{Incomplete: true, CutShort: true, IncompleteReason: "rate limit"}},
			Options{FailOn: finding.Low, AllowUnknown: true}, "exit 3: the evidence is incomplete: rate limit"},
		{"nothing evaluated", report.Report{}, Options{FailOn: finding.Low}, "exit 3: nothing was evaluated: the evidence holds no resources"},
		{"policies past review", report.Report{Findings: []finding.Finding{pass}, Policies: []governance.Policy{{ReviewOverdue: true}, {ReviewOverdue: true}}},
			Options{FailOn: finding.Low}, "exit 1: 2 policies past review"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.r.Evidence.Resources == 0 && len(tc.r.Findings) > 0 {
				tc.r.Evidence.Resources = len(tc.r.Findings)
			}
			d := Decide(&tc.r, tc.opts)
			assert.Equal(t, tc.want, d.Line())
			if !tc.opts.AllowUnknown {
				assert.Equal(t, d.Code, Audit(&tc.r, tc.opts.FailOn), "Audit and Decide are one decision")
			}
			assert.Equal(t, fmt.Sprintf("exit %d:", d.Code), d.Line()[:len(fmt.Sprintf("exit %d:", d.Code))])
		})
	}
}

func TestParseFailOn(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]finding.Severity{"none": "", "NONE": "", "high": finding.High, " Low ": finding.Low} {
		got, err := ParseFailOn(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := ParseFailOn("urgent")
	assert.ErrorContains(t, err, `unknown severity "urgent"`)
}

// The gate's rule (Options.Judged, Causes): only the judged results set the
// code, a run is not "nothing evaluated" for judging none, a scope not
// collected counts through its results, a cut-short collection still gives
// 3, alerts and policy reviews are the audit's, and --fail-on none keeps a
// cause of 1 from setting the code while a cause of 3 still does.
func TestDecidePullRequest(t *testing.T) {
	t.Parallel()
	newOnes := func(f finding.Finding) bool { return f.Fingerprint == "new" }
	fail := func(fp string, sev finding.Severity) finding.Finding {
		f := result(finding.Fail, sev)
		f.Fingerprint = fp
		return f
	}
	overdue := &governance.Threats{Alerts: []governance.Alert{{Overdue: true, Severity: finding.Critical}}}
	tests := []struct {
		name string
		r    report.Report
		opts Options
		want string
	}{
		{"unchanged failure is not judged", report.Report{Findings: []finding.Finding{fail("old", finding.Critical)}},
			Options{FailOn: finding.High, Judged: newOnes}, "exit 0: no failure at or above high"},
		{"new failure", report.Report{Findings: []finding.Finding{fail("old", finding.Critical), fail("new", finding.High)}},
			Options{FailOn: finding.High, Judged: newOnes}, "exit 1: 1 failure at or above high (1 high)"},
		{"report only", report.Report{Findings: []finding.Finding{fail("new", finding.Critical)}},
			Options{Judged: newOnes}, "exit 0: report only (--fail-on none)"},
		{"nothing judged is not nothing evaluated", report.Report{},
			Options{FailOn: finding.High, Judged: newOnes}, "exit 0: no failure at or above high"},
		{"scope not collected counts through its results", report.Report{Findings: []finding.Finding{fail("new", finding.Low)}, Evidence: report.EvidenceInfo{Incomplete: true, IncompleteReason: "module m unreadable"}},
			Options{FailOn: finding.High, Judged: newOnes}, "exit 0: no failure at or above high"},
		{"cut short", report.Report{Evidence: report.EvidenceInfo{Incomplete: true, CutShort: true, IncompleteReason: "limit"}},
			Options{Judged: newOnes}, "exit 3: the evidence is incomplete: limit"},
		{"alerts and reviews are the audit's", report.Report{Threats: overdue, Policies: []governance.Policy{{ReviewOverdue: true}}},
			Options{FailOn: finding.Low, Judged: newOnes}, "exit 0: no failure at or above low"},
		{"cause of 1", report.Report{}, Options{FailOn: finding.High, Judged: newOnes, Causes: []Cause{{Code: ExitFindings, Reason: "waiver w (X) expired on 2026-06-30"}}},
			"exit 1: waiver w (X) expired on 2026-06-30"},
		{"cause of 1, report only", report.Report{}, Options{Judged: newOnes, Causes: []Cause{{Code: ExitFindings, Reason: "waiver w expired"}}},
			"exit 0: report only (--fail-on none)"},
		{"cause of 3 wins", report.Report{Findings: []finding.Finding{fail("new", finding.Critical)}}, Options{FailOn: finding.High, Judged: newOnes, Causes: []Cause{{Code: ExitNotEvaluated, Reason: "waiver w: validity not decided"}}},
			"exit 3: waiver w: validity not decided; 1 failure at or above high (1 critical) would also give 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, Decide(&tc.r, tc.opts).Line())
		})
	}
}

// Blocks is Decide's rule for one result.
func TestBlocks(t *testing.T) {
	t.Parallel()
	high := Options{FailOn: finding.High}
	assert.Equal(t, ExitNotEvaluated, Blocks(result(finding.Error, finding.Info), high), "an error at any severity")
	assert.Equal(t, ExitNotEvaluated, Blocks(result(finding.NotEvaluated, finding.High), high))
	assert.Equal(t, ExitOK, Blocks(result(finding.NotEvaluated, finding.High), Options{FailOn: finding.High, AllowUnknown: true}))
	assert.Equal(t, ExitOK, Blocks(result(finding.NotEvaluated, finding.Medium), high))
	assert.Equal(t, ExitFindings, Blocks(result(finding.Fail, finding.Critical), high))
	assert.Equal(t, ExitOK, Blocks(result(finding.Fail, finding.Critical), Options{}), "--fail-on none")
	assert.Equal(t, ExitOK, Blocks(result(finding.Pass, finding.Critical), high))
}
