package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/finding"
)

// Coverage is never hidden. The one rule (docs/report-schema.md#coverage):
//
//   - `not_collected` is what the collectors recorded they could not see:
//     one entry per resource type and scope, copied from the evidence.
//   - `cut_short` is set when a collection stopped early (rate limit,
//     cancellation) or the run was interrupted: the evidence may lack
//     resources nobody knows about.
//   - `incomplete` is true when the report does not cover everything it was
//     asked to look at: cut_short, or any entry in not_collected. Its
//     reason names every cause.
//   - `gaps` is what each not_collected entry cost: the controls it left
//     not_evaluated there.
//
// Every writer states the gaps (text, JSON, HTML banner, summary, Markdown,
// SARIF run properties and notifications, CSV rows).

// NotCollectedID is the control_id of the CSV row (and the SARIF
// notification) that states a not-collected scope. It is no control.
const NotCollectedID = "RAMPART-NOT-COLLECTED"

// Gap is one not-collected scope and the controls it left unevaluated.
type Gap struct {
	ResourceType      string `json:"resource_type"`
	ScopeID           string `json:"scope_id"`
	System            string `json:"system,omitempty"`
	Reason            string `json:"reason"`
	MissingPermission string `json:"missing_permission,omitempty"`
	// Controls are the IDs of the controls with a not_evaluated result for
	// this scope because of it, sorted; empty when no loaded control reads
	// the type (nothing was lost, but nothing was seen either).
	Controls []string `json:"controls"`
}

// AssessCoverage applies the coverage rule to an assembled report: it sets
// Incomplete and its reason from CutShort and NotCollected, and fills Gaps
// from the not_evaluated results the engine made for each not-collected
// scope. The pipeline calls it once, where the report is assembled; the
// writers only read what it decided.
func AssessCoverage(r *Report) {
	ev := &r.Evidence
	ev.Gaps = make([]Gap, 0, len(ev.NotCollected))
	for _, nc := range ev.NotCollected {
		g := Gap{ResourceType: nc.ResourceType, ScopeID: nc.ScopeID, System: nc.System, Reason: nc.Reason, MissingPermission: nc.MissingPermission, Controls: []string{}}
		seen := map[string]bool{}
		for _, f := range r.Findings {
			// The engine names a gap's results after the scope (evidence
			// NotCollected.ScopeID) and the type it could not read.
			if f.Status != finding.NotEvaluated || f.Resource.Type != nc.ResourceType || f.Resource.ID != nc.ScopeID || seen[f.ControlID] {
				continue
			}
			seen[f.ControlID] = true
			g.Controls = append(g.Controls, f.ControlID)
		}
		sort.Strings(g.Controls)
		ev.Gaps = append(ev.Gaps, g)
	}
	reasons := []string{}
	if ev.CutShort {
		reasons = append(reasons, ev.IncompleteReason)
	}
	if n := len(ev.NotCollected); n > 0 {
		controls := map[string]bool{}
		for _, g := range ev.Gaps {
			for _, c := range g.Controls {
				controls[c] = true
			}
		}
		reasons = append(reasons, fmt.Sprintf("%d scope(s) not collected, leaving %d control(s) not evaluated there", n, len(controls)))
	}
	ev.Incomplete = len(reasons) > 0
	ev.IncompleteReason = strings.Join(nonEmpty(reasons), "; ")
}

func nonEmpty(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// GapLine is one gap for people: "aws.ec2.security_group in
// aws:444455556666/eu-west-1 (system website): UnauthorizedOperation …
// (missing permission ec2:DescribeSecurityGroups); not evaluated: AWS-EC2-001, AWS-EC2-002".
func GapLine(g Gap) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s in %s", g.ResourceType, g.ScopeID)
	if g.System != "" {
		fmt.Fprintf(&b, " (system %s)", g.System)
	}
	fmt.Fprintf(&b, ": %s", g.Reason)
	if g.MissingPermission != "" {
		fmt.Fprintf(&b, " (missing permission %s)", g.MissingPermission)
	}
	if len(g.Controls) == 0 {
		b.WriteString("; no loaded control reads this type")
	} else {
		fmt.Fprintf(&b, "; not evaluated: %s", strings.Join(g.Controls, ", "))
	}
	return b.String()
}
