// Package governance is the stage after link: from linked findings, the
// collected resources and the workspace it derives what an information
// security officer reports to management — the scored risk register and the
// waivers accepting its risks, who lacks which training, how far each
// security policy is met, which security alerts are past their remediation
// SLA, and a per-framework view. The report stage renders it. Waivers are
// decided in link; this stage only reads those decisions.
//
// Every derivation fails closed: an error or not_evaluated result never
// counts as a control working, and data that cannot be read is reported as
// such, never as compliance.
package governance

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
)

// Control is the part of a catalogue entry the framework view needs. The
// pipeline fills it from the engine's catalogue so that controls with no
// result at all show up as not tested.
type Control struct {
	ID         string
	Title      string
	Severity   finding.Severity
	Frameworks map[string][]string
}

// Options are the run's choices that do not come from the workspace.
type Options struct {
	// Records are training completions imported from a learning-management
	// export (--training-records), merged with the workspace's.
	Records []Completion
	// Frameworks selects the framework views to build (--framework); empty builds none.
	Frameworks []string
}

// Input is everything one evaluation looks at.
type Input struct {
	// Findings and Waivers are as link.Apply returns them: linked, and
	// waived or not as link decided. Governance reads them and changes none.
	Findings []finding.Finding
	Waivers  []link.WaiverStatus
	// Resources are the evaluated resources; attribution (repository admins,
	// organisation owners, IAM users) and security alerts are read from them.
	Resources []evidence.Resource
	Workspace *model.Workspace
	Controls  []Control
	Options   Options
	// Now is the clock of the run; every date comparison uses it.
	Now time.Time
}

// Result is what the report shows beside the findings.
type Result struct {
	Risks        []Risk
	TrainingGaps []TrainingGap
	Policies     []Policy
	Threats      Threats
	Frameworks   []Framework
	// NotApplicable are the governance pack's risks, policies and
	// trainings that nothing in this run makes relevant: listed, not scored.
	NotApplicable []NotApplicable
	// Warnings are things a person should act on that are not findings.
	// Those about waivers are link's (link.Warnings), not repeated here.
	Warnings []string
}

// Evaluate derives the governance view of one run. It never changes its
// input; the only error is a framework name that no control maps to.
func Evaluate(in Input) (*Result, error) {
	ws := in.Workspace
	res := &Result{}
	res.Threats = trackAlerts(in.Resources, ws, in.Now)
	// The four views each read every finding (766,000 in a 20,000-repository
	// audit) and nothing else writes them: computed side by side, on two
	// cores the stage takes about the time of its two longest rather than
	// of all four (issue 16, TestEvaluateIsSerial under -race).
	var g errgroup.Group
	g.Go(func() error {
		res.Risks = scoreRisks(in.Findings, in.Waivers, res.Threats.Alerts, ws)
		return nil
	})
	g.Go(func() error {
		res.TrainingGaps = trainingGaps(in.Findings, in.Resources, ws, in.Options.Records, in.Now)
		return nil
	})
	g.Go(func() error {
		res.Policies = policyCompliance(in.Findings, ws, in.Now)
		return nil
	})
	g.Go(func() error {
		fw, err := frameworkViews(in.Options.Frameworks, in.Controls, in.Findings)
		res.Frameworks = fw
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}

	for _, p := range res.Policies {
		if p.ReviewOverdue {
			res.Warnings = append(res.Warnings, fmt.Sprintf("policy %s: review was due on %s (approved %s, review every %s)", p.ID, p.ReviewDue, p.Approved, p.ReviewEvery))
		}
	}
	for _, r := range res.Risks {
		if r.AppetiteStatus == AppetiteOver {
			res.Warnings = append(res.Warnings, fmt.Sprintf("risk %s: residual %d is over the appetite of %g", r.ID, r.Residual, ws.Settings.RiskAppetite))
		}
	}
	if n := res.Threats.Overdue; n > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d security alert(s) open past their remediation SLA", n))
	}
	res.Warnings = append(res.Warnings, alertGapWarnings(res.Threats.Unknown)...)
	res.Warnings = append(res.Warnings, identityWarnings(in.Resources, ws)...)
	res.NotApplicable = notApplicable(res, ws)
	if n := len(res.NotApplicable); n > 0 {
		names := make([]string, n)
		for i, na := range res.NotApplicable {
			names[i] = na.Kind + " " + na.ID
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d governance pack block(s) not applicable here (nothing in the evidence or workspace makes them relevant; listed, not scored): %s; settings exclude removes them",
			n, strings.Join(names, ", ")))
	}
	return res, nil
}

// NotApplicable is a block of the governance pack that nothing in the run
// makes relevant (docs/governance.md "Not applicable").
type NotApplicable struct {
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	Why   string `json:"why"`
}

// notApplicable lists the pack's risks and policies scoring marked not
// applicable, and the pack's trainings no person's role requires and no
// training gap names.
func notApplicable(res *Result, ws *model.Workspace) []NotApplicable {
	var out []NotApplicable
	for _, r := range res.Risks {
		if r.NotApplicable {
			out = append(out, NotApplicable{Kind: "risk", ID: r.ID, Title: r.Title, Why: "no result of its mitigations' controls, no open alert and no waiver names it"})
		}
	}
	for _, p := range res.Policies {
		if p.NotApplicable {
			out = append(out, NotApplicable{Kind: "policy", ID: p.ID, Title: p.Title, Why: "none of its statements' controls produced a result"})
		}
	}
	roles := map[string]bool{}
	for _, p := range ws.People {
		for _, r := range p.Roles {
			roles[r] = true
		}
	}
	named := map[string]bool{}
	for _, g := range res.TrainingGaps {
		named[g.Training] = true
	}
	for _, t := range ws.Trainings {
		if !ws.InPack(t.DeclRange) || named[t.ID] || slices.ContainsFunc(t.RequiredFor, func(r string) bool { return roles[r] }) {
			continue
		}
		out = append(out, NotApplicable{Kind: "training", ID: t.ID, Title: t.Title, Why: "no person has a role it is required for, and no training gap names it"})
	}
	return out
}

// weight is how much one result counts in an effectiveness share: the
// control's severity rank, so a failing critical control outweighs a
// passing low one. An unknown severity weighs as critical (fail closed).
func weight(s finding.Severity) float64 {
	if r := s.Rank(); r > 0 {
		return float64(r)
	}
	return float64(finding.Critical.Rank())
}

// Counts tallies results by status.
type Counts struct {
	Pass         int `json:"pass"`
	Fail         int `json:"fail"`
	Error        int `json:"error"`
	NotEvaluated int `json:"not_evaluated"`
	Waived       int `json:"waived"`
}

func (c *Counts) add(s finding.Status) {
	switch s {
	case finding.Pass:
		c.Pass++
	case finding.Fail:
		c.Fail++
	case finding.Error:
		c.Error++
	case finding.NotEvaluated:
		c.NotEvaluated++
	case finding.Waived:
		c.Waived++
	}
}

// Total is the number of results counted.
func (c Counts) Total() int { return c.Pass + c.Fail + c.Error + c.NotEvaluated + c.Waived }

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// alertGapWarnings condenses alert gaps to one line per kind and reason: a
// token without alert permissions would otherwise give one line per repository.
func alertGapWarnings(gaps []AlertGap) []string {
	type key struct{ kind, reason string }
	var order []key
	repos := map[key][]string{}
	for _, g := range gaps {
		k := key{g.Kind, g.Reason}
		if _, ok := repos[k]; !ok {
			order = append(order, k)
		}
		repos[k] = append(repos[k], g.Resource)
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		if k.kind == "settings" {
			out = append(out, k.reason)
			continue
		}
		rs := repos[k]
		what := rs[0]
		if len(rs) > 1 {
			plural := "resources"
			if k.kind == KindDependabot || k.kind == KindCodeScanning || k.kind == KindSecretScanning {
				plural = "repositories"
			}
			what = fmt.Sprintf("%d %s (%s, …)", len(rs), plural, rs[0])
		}
		out = append(out, fmt.Sprintf("%s alerts of %s not collected (%s): their SLA cannot be tracked", k.kind, what, k.reason))
	}
	return out
}

// PolicyReviewSeverity is how a policy past its review date weighs against
// --fail-on: a missed review is a minor nonconformity (ISO/IEC 27001 A.5.1
// asks for review at planned intervals), so medium.
const PolicyReviewSeverity = finding.Medium

// Failing reports whether the governance stage found something that fails a
// run like a failing control at or above failOn: an open security alert past
// its SLA (at its own severity) or a policy past its review date.
func Failing(t *Threats, policies []Policy, failOn finding.Severity) bool {
	if t != nil {
		for _, a := range t.Alerts {
			if a.Overdue && a.Severity.Rank() >= failOn.Rank() {
				return true
			}
		}
	}
	if PolicyReviewSeverity.Rank() >= failOn.Rank() {
		for _, p := range policies {
			if p.ReviewOverdue {
				return true
			}
		}
	}
	return false
}
