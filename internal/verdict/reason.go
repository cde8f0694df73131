package verdict

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/report"
)

// FailOnNone is the --fail-on value of a report-only run: no failure,
// overdue alert or policy review sets the exit code. What could not be
// evaluated still does (exit 3): a report-only run must not read as one
// that looked everywhere.
const FailOnNone = "none"

// Options are what decides an audit's exit code besides the report.
type Options struct {
	// FailOn is the lowest severity that counts; "" is FailOnNone.
	FailOn finding.Severity
	// AllowUnknown lets not_evaluated results through, as the gate's
	// --allow-unknown does: they are reported, not blocking, and so are
	// scopes not collected (whose controls are those not_evaluated results).
	// Error results, a collection cut short and a run with no verdict at
	// all still give 3.
	AllowUnknown bool
	// Judged, when set, is a pull request's rule (internal/gate): only the
	// results it accepts can set the code — the change's new results, not
	// the debt it inherited nor what only the audit can check. Such a run
	// is judged by what it introduces, so it is never "nothing evaluated",
	// a scope not collected counts through its results (new or unchanged)
	// and only evidence cut short gives 3 by itself; alerts and policy
	// reviews are the audit's.
	Judged func(finding.Finding) bool
	// Causes are what else sets the code, decided by the caller from
	// outside the results (the gate's waivers): each with its code, 1 or 3.
	Causes []Cause
}

// Cause is one reason for an exit code that is not a result: an expired
// waiver a change touches (1), a waiver whose expiry could not be checked (3).
type Cause struct {
	Code   int
	Reason string
}

// Blocks is the code one result gives under opts, the same rule Decide
// applies to every result: 3 for an error (at any severity) or a
// not_evaluated result counted at the threshold (unless allowed), 1 for a
// counted failure, 0 otherwise. The gate lists the blocking results with it.
func Blocks(f finding.Finding, opts Options) int {
	switch {
	case f.Status == finding.Error:
		return ExitNotEvaluated
	case f.Status == finding.NotEvaluated && counts(f.Severity, opts.FailOn) && !opts.AllowUnknown:
		return ExitNotEvaluated
	case f.Status == finding.Fail && counts(f.Severity, opts.FailOn):
		return ExitFindings
	}
	return ExitOK
}

// Threshold says, in a reason, which results count: "at or above high",
// or "(--fail-on none)".
func Threshold(failOn finding.Severity) string {
	if failOn == "" {
		return "(--fail-on none)"
	}
	return "at or above " + string(failOn)
}

// ParseFailOn reads a --fail-on value: a severity, or "none" ("" returned).
func ParseFailOn(s string) (finding.Severity, error) {
	if strings.EqualFold(strings.TrimSpace(s), FailOnNone) {
		return "", nil
	}
	sev, err := finding.ParseSeverity(s)
	if err != nil {
		return "", fmt.Errorf("%w, or none", err)
	}
	return sev, nil
}

// counts reports whether a result of severity sev is at or above failOn;
// nothing is under FailOnNone.
func counts(sev, failOn finding.Severity) bool {
	return failOn != "" && sev.Rank() >= failOn.Rank()
}

// Decision is an exit code and why: what the verdict line on stderr says
// (Line), so a CI log tells an exit 3 from an exit 1 without the report.
type Decision struct {
	Code int
	// Reason says what gave Code; Also what else would have given 1 had
	// Code not been 3 (could-not-evaluate wins over findings).
	Reason string
	Also   string
}

// Line is the verdict line: "exit 3: 17 results not evaluated at or above
// low — …; 26 failures would also give 1".
func (d Decision) Line() string {
	s := fmt.Sprintf("exit %d: %s", d.Code, d.Reason)
	if d.Also != "" {
		s += "; " + d.Also
	}
	return s
}

// Decide is Audit with its reason. The order is Audit's: incomplete
// evidence, no verdict at all, an error result, not_evaluated at or above
// the threshold (unless allowed) give 3; failures, overdue alerts and
// policies past review at or above it give 1.
func Decide(r *report.Report, opts Options) Decision {
	threshold := Threshold(opts.FailOn)
	pullRequest := opts.Judged != nil
	var errs, unknown, fails, unknownBelow []finding.Finding
	for _, f := range r.Findings {
		if pullRequest && !opts.Judged(f) {
			continue
		}
		switch code := Blocks(f, opts); {
		case code == ExitNotEvaluated && f.Status == finding.Error:
			errs = append(errs, f)
		case code == ExitNotEvaluated:
			unknown = append(unknown, f)
		case f.Status == finding.NotEvaluated:
			unknownBelow = append(unknownBelow, f)
		case code == ExitFindings:
			fails = append(fails, f)
		}
	}
	var ones, threes []string // what gives 1, and the causes beyond results that give 3
	if len(fails) > 0 {
		ones = append(ones, fmt.Sprintf("%s %s (%s)", plural(len(fails), "failure"), threshold, bySeverity(fails)))
	}
	if !pullRequest {
		if n := overdueAlerts(r.Threats, opts.FailOn); n > 0 {
			ones = append(ones, fmt.Sprintf("%s past SLA %s", plural(n, "security alert"), threshold))
		}
		if n := policiesPastReview(r.Policies, opts.FailOn); n > 0 {
			ones = append(ones, fmt.Sprintf("%s past review", plural(n, "policy")))
		}
	}
	for _, c := range opts.Causes {
		switch c.Code {
		case ExitFindings:
			// Like a failure, a cause of 1 is the threshold's to count:
			// a report-only run reports it without the code.
			if opts.FailOn != "" {
				ones = append(ones, c.Reason)
			}
		default:
			threes = append(threes, c.Reason)
		}
	}
	also := ""
	if len(ones) > 0 {
		also = strings.Join(ones, ", ") + " would also give 1"
	}
	// A scope that was not collected leaves its controls not_evaluated,
	// which --allow-unknown accepts; a collection cut short is never
	// accepted (nothing says what it missed), as in the gate.
	gapAllowed := r.Evidence.Incomplete && !r.Evidence.CutShort && (opts.AllowUnknown || pullRequest)
	gapNote := ""
	if gapAllowed && !pullRequest {
		gapNote = "; the evidence is incomplete, allowed by --allow-unknown"
		if r.Evidence.IncompleteReason != "" {
			gapNote += ": " + r.Evidence.IncompleteReason
		}
	}
	incomplete := "the evidence is incomplete"
	if r.Evidence.IncompleteReason != "" {
		incomplete += ": " + r.Evidence.IncompleteReason
	}
	switch why, nothing := NothingEvaluated(r); {
	case r.Evidence.Incomplete && r.Evidence.CutShort:
		return Decision{Code: ExitNotEvaluated, Reason: incomplete, Also: also}
	case nothing && !pullRequest:
		return Decision{Code: ExitNotEvaluated, Reason: why}
	case len(errs) > 0:
		return Decision{Code: ExitNotEvaluated, Reason: fmt.Sprintf("%s could not be evaluated (error, at any severity) — %s",
			plural(len(errs), "result"), causes(errs)), Also: also}
	case len(unknown) > 0:
		// The results say what could not be seen and why; a scope not
		// collected is one of their causes, named after them.
		reason := fmt.Sprintf("%s not evaluated %s — %s (--allow-unknown reports them without blocking)",
			plural(len(unknown), "result"), threshold, causes(unknown))
		if r.Evidence.Incomplete {
			reason += "; " + incomplete
		}
		return Decision{Code: ExitNotEvaluated, Reason: reason, Also: also}
	case len(threes) > 0:
		return Decision{Code: ExitNotEvaluated, Reason: strings.Join(threes, "; "), Also: also}
	case r.Evidence.Incomplete && !gapAllowed:
		return Decision{Code: ExitNotEvaluated, Reason: incomplete, Also: also}
	case len(ones) > 0:
		return Decision{Code: ExitFindings, Reason: strings.Join(ones, ", ") + gapNote}
	}
	reason := "no failure " + threshold
	if opts.FailOn == "" {
		reason = "report only (--fail-on none)"
	}
	if len(unknownBelow) > 0 {
		kept := "below the threshold"
		if opts.AllowUnknown {
			kept = "allowed by --allow-unknown"
		}
		reason += fmt.Sprintf("; %s not evaluated, %s", plural(len(unknownBelow), "result"), kept)
	}
	return Decision{Code: ExitOK, Reason: reason + gapNote}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// bySeverity is "3 critical, 2 high": the counts, most severe first.
func bySeverity(fs []finding.Finding) string {
	n := map[finding.Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	var parts []string
	for _, s := range finding.Severities {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[s], s))
		}
	}
	return strings.Join(parts, ", ")
}

// causes groups results by system and message, largest group first, so
// seventeen results with one cause read as one line ("all on data-pipeline:
// 403, needs administration:read"). Three groups are named; the report has
// the rest.
func causes(fs []finding.Finding) string {
	type group struct {
		system, message string
		n               int
	}
	index := map[[2]string]*group{}
	var groups []*group
	for _, f := range fs {
		key := [2]string{f.Resource.System, f.Message}
		g, ok := index[key]
		if !ok {
			g = &group{system: f.Resource.System, message: f.Message}
			index[key] = g
			groups = append(groups, g)
		}
		g.n++
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].n > groups[j].n })
	where := func(g *group) string {
		if g.system == "" {
			return "on no system"
		}
		return "on " + g.system
	}
	if len(groups) == 1 {
		return fmt.Sprintf("all %s: %s", where(groups[0]), groups[0].message)
	}
	const shown = 3
	var parts []string
	named := 0
	for i, g := range groups {
		if i == shown {
			parts = append(parts, fmt.Sprintf("and %d more with %s", len(fs)-named, plural(len(groups)-shown, "other cause")))
			break
		}
		named += g.n
		parts = append(parts, fmt.Sprintf("%d %s: %s", g.n, where(g), g.message))
	}
	return strings.Join(parts, "; ")
}

func overdueAlerts(t *governance.Threats, failOn finding.Severity) int {
	if t == nil {
		return 0
	}
	n := 0
	for _, a := range t.Alerts {
		if a.Overdue && counts(a.Severity, failOn) {
			n++
		}
	}
	return n
}

func policiesPastReview(ps []governance.Policy, failOn finding.Severity) int {
	if !counts(governance.PolicyReviewSeverity, failOn) {
		return 0
	}
	n := 0
	for _, p := range ps {
		if p.ReviewOverdue {
			n++
		}
	}
	return n
}
