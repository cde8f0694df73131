// Package gate is the pull-request stage after report building: it compares
// a run's findings with a baseline (an earlier report, or the same paths at
// a git ref) by fingerprint, classifies failures as new, unchanged or fixed,
// and decides the exit code from new findings only, so a pull request is
// blocked by what it introduces and not by debt it inherited.
package gate

import (
	"fmt"
	"sort"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// Change classes of a current finding.
const (
	New       = "new"
	Unchanged = "unchanged"
)

// Options decide what blocks.
type Options struct {
	FailOn finding.Severity
	// AllowUnknown lets new not_evaluated results through; by default a new
	// result the gate could not evaluate at or above FailOn blocks (exit 3),
	// because a control must never pass on a value it did not see.
	AllowUnknown bool
	// Waivers are the waivers of the workspace the change carries, as
	// link.Review decided them, checked for expiry when the report's come
	// from a trusted workspace instead (--baseline-ref): a change that
	// removes an expired waiver is not blocked by the base branch still
	// having it. Nil: the report's.
	Waivers []link.WaiverStatus
}

// bad reports whether a status needs attention (and can be new).
func bad(s finding.Status) bool {
	return s == finding.Fail || s == finding.Error || s == finding.NotEvaluated
}

// same folds waived into fail: a baseline failure that was waived is the
// same failure when it comes back unwaived.
func same(s finding.Status) finding.Status {
	if s == finding.Waived {
		return finding.Fail
	}
	return s
}

// Compare classifies the current findings against the baseline's and
// returns the gate section (Passed and Blocking are filled by Decide). A nil
// baseline means everything is new.
func Compare(cur []finding.Finding, baseline []finding.Finding, baselineName string) *report.GateInfo {
	before := make(map[string]finding.Status, len(baseline))
	for _, f := range baseline {
		before[f.Fingerprint] = same(f.Status)
	}
	g := &report.GateInfo{Baseline: baselineName, Changes: map[string]string{}, Fixed: []finding.Finding{}, Blocking: []string{}}
	now := make(map[string]finding.Status, len(cur))
	for _, f := range cur {
		now[f.Fingerprint] = same(f.Status)
		if !bad(f.Status) {
			continue
		}
		if st, ok := before[f.Fingerprint]; ok && st == f.Status {
			g.Changes[f.Fingerprint] = Unchanged
		} else {
			g.Changes[f.Fingerprint] = New
		}
	}
	for _, f := range baseline {
		if same(f.Status) != finding.Fail {
			continue
		}
		if st, ok := now[f.Fingerprint]; !ok || st == finding.Pass {
			g.Fixed = append(g.Fixed, f)
		}
	}
	sort.SliceStable(g.Fixed, func(i, j int) bool { return g.Fixed[i].Severity.Rank() > g.Fixed[j].Severity.Rank() })
	return g
}

// Decide fills the gate's verdict and returns the exit code, which
// verdict.Decide gives (the one owner of exit codes) over the change's new
// results: 3 when one could not be evaluated (an error always, not_evaluated
// at or above FailOn unless allowed) or a waiver's validity link did not
// decide — could-not-evaluate wins, as in audit; 1 for a new failure at or
// above FailOn or an expired waiver the change touches (one it does not
// touch is a warning in g.Warnings); 0 otherwise. FailOn "" is --fail-on
// none: a report-only run, where only could-not-evaluate sets the code.
// New not_evaluated results about attributes only live evidence has are
// listed in g.CheckedByAudit and never block. g.GovernanceChanges, when
// known, must be set before. Waiver dates are not read here: the validity
// link decided with the run's clock is the one answer.
func Decide(r *report.Report, g *report.GateInfo, opts Options) int {
	g.FailOn = string(opts.FailOn)
	if opts.FailOn == "" {
		g.FailOn = verdict.FailOnNone
	}
	rule := verdict.Options{FailOn: opts.FailOn, AllowUnknown: opts.AllowUnknown}
	rule.Judged = func(f finding.Finding) bool {
		return g.Changes[f.Fingerprint] == New && !CheckedByAudit(f)
	}
	// Only evidence cut short fails the gate outright: a scope not collected
	// (an unreadable module) is judged through its not_evaluated results,
	// new or unchanged against the baseline (docs/terraform.md).
	if r.Evidence.CutShort {
		g.Reasons = append(g.Reasons, "evidence incomplete: "+r.Evidence.IncompleteReason)
	}
	for _, f := range r.Findings {
		if CheckedByAudit(f) {
			// Reported, new or not, and never blocking, also without
			// --allow-unknown (live.go); the audit reads the value live.
			g.CheckedByAudit = append(g.CheckedByAudit, f.Fingerprint)
			continue
		}
		if !rule.Judged(f) || verdict.Blocks(f, rule) == verdict.ExitOK {
			continue
		}
		g.Blocking = append(g.Blocking, f.Fingerprint)
		switch f.Status {
		case finding.Error:
			g.Reasons = append(g.Reasons, fmt.Sprintf("%s on %s could not be evaluated: %s", f.ControlID, f.Resource.ID, f.Message))
		case finding.NotEvaluated:
			g.Reasons = append(g.Reasons, fmt.Sprintf("new %s %s on %s not evaluated: %s", f.Severity, f.ControlID, f.Resource.ID, f.Message))
		default:
			g.Reasons = append(g.Reasons, fmt.Sprintf("new %s failure %s on %s: %s", f.Severity, f.ControlID, f.Resource.ID, f.Message))
		}
	}
	waivers := r.Waivers
	if opts.Waivers != nil {
		waivers = opts.Waivers
	}
	touched := touchedWaivers(r, g)
	for _, w := range waivers {
		// Link decided the validity apart from the use, so a waiver past its
		// date is judged even when it matched nothing here (stale).
		switch {
		case w.Validity == link.ValidityExpired && touched[w.ID]:
			c := verdict.Cause{Code: verdict.ExitFindings, Reason: fmt.Sprintf("waiver %s (%s) expired on %s", w.ID, w.Control, w.Expires)}
			rule.Causes = append(rule.Causes, c)
			if opts.FailOn != "" {
				g.Reasons = append(g.Reasons, c.Reason)
			} else {
				g.Warnings = append(g.Warnings, c.Reason+": not blocking, --fail-on none")
			}
		case w.Validity == link.ValidityExpired:
			// The change does not touch what it waived: blocking every pull
			// request of the repository on the expiry day would make the
			// gate a calendar. The scheduled audit fails on it.
			g.Warnings = append(g.Warnings, fmt.Sprintf("waiver %s (%s) expired on %s: not blocking, this change touches none of its results (the audit still fails on it)", w.ID, w.Control, w.Expires))
		case !knownValidity(w.Validity):
			// Only link decides validity; a status from anywhere else
			// (built by hand, read back from JSON) says nothing about the
			// date, and an unknown date must not pass as unexpired.
			c := verdict.Cause{Code: verdict.ExitNotEvaluated, Reason: fmt.Sprintf("waiver %s (%s): validity %q not decided, its expiry %s could not be checked", w.ID, w.Control, w.Validity, w.Expires)}
			rule.Causes = append(rule.Causes, c)
			g.Reasons = append(g.Reasons, c.Reason)
		}
	}
	code := verdict.Decide(r, rule).Code
	g.Passed = code == verdict.ExitOK
	return code
}

// touchedWaivers are the waivers this change touches: one it adds or edits
// (a governance change of kind waiver, known with --baseline-ref), and one
// that would have covered a result the change makes new — its failure
// stands because the waiver expired (finding.WaiverExpired).
func touchedWaivers(r *report.Report, g *report.GateInfo) map[string]bool {
	touched := map[string]bool{}
	for _, c := range g.GovernanceChanges {
		if c.Kind == "waiver" && c.Change != "removed" {
			touched[c.Name] = true
		}
	}
	for _, f := range r.Findings {
		if f.WaiverExpired != "" && g.Changes[f.Fingerprint] == New {
			touched[f.WaiverExpired] = true
		}
	}
	return touched
}

func knownValidity(v link.Validity) bool {
	switch v {
	case link.ValidityActive, link.ValidityExpiring, link.ValidityExpired, link.ValidityTooLong:
		return true
	}
	return false
}
