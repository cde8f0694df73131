// Package verdict is the exit-code policy of the commands that judge
// evidence: the code table every rampart command shares (0/1/2/3/130) and
// what a finished audit's report means for it. It reads a report and
// decides nothing else; the gate's verdict, which compares with a baseline,
// is internal/gate's and uses the same table.
package verdict

import (
	"fmt"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// Exit codes shared by the commands (README "Exit codes").
const (
	ExitOK = 0
	// ExitFindings: failures at or above the threshold.
	ExitFindings = 1
	// ExitInput: a usage or input error (bad flags, HCL diagnostics, malformed evidence).
	ExitInput = 2
	// ExitNotEvaluated: the run could not look everywhere it had to.
	ExitNotEvaluated = 3
	// ExitInterrupted is the exit code of a run stopped by SIGINT or
	// SIGTERM, 128 + SIGINT as shells report it; no report is written.
	ExitInterrupted = 130
)

// NoControlID is the control ID of the not_evaluated entry the pipeline
// adds for each resource type of the evidence that no loaded control
// applies to. It is not a control: it names what nothing looked at, as a
// result so that every report format shows it (warnings do not reach SARIF,
// JUnit or CSV). Its severity is info, so it blocks only with --fail-on info.
// It is declared here because it is no verdict of any control, and
// NothingEvaluated must tell it from one.
const NoControlID = "RAMPART-NO-CONTROL"

// Audit decides an audit's exit code. Could-not-evaluate wins over
// findings: an audit that could not look everywhere must not look like one
// that only found some failures. An error result, incomplete evidence, a
// not_evaluated result at or above the threshold, or a run that reached no
// verdict at all (NothingEvaluated) gives 3; a failure at or above it, an
// overdue security alert or a policy past review gives 1.
func Audit(r *report.Report, failOn finding.Severity) int {
	return Decide(r, Options{FailOn: failOn}).Code
}

// NothingEvaluated says why a report holds no verdict: no control reached
// pass, fail or waived on any resource. Such an audit proves nothing and
// must never exit 0. ok is false when something was evaluated.
func NothingEvaluated(r *report.Report) (reason string, ok bool) {
	for _, f := range r.Findings {
		switch f.Status {
		case finding.Pass, finding.Fail, finding.Waived:
			return "", false
		}
	}
	uncovered := 0
	for _, f := range r.Findings {
		if f.ControlID == NoControlID {
			uncovered++
		}
	}
	var why string
	switch {
	case r.Evidence.Resources == 0:
		why = "the evidence holds no resources"
	case uncovered == len(r.Findings):
		why = fmt.Sprintf("no loaded control applies to any of the %d resource(s)", r.Evidence.Resources)
	default:
		why = fmt.Sprintf("every one of the %d result(s) is error or not_evaluated", len(r.Findings)-uncovered)
	}
	return "nothing was evaluated: " + why, true
}
