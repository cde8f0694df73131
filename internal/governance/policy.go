package governance

import (
	"math"
	"time"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

// Review statuses of a policy document.
const (
	ReviewCurrent = "current"
	ReviewOverdue = "overdue"
	// ReviewUntracked: the policy has no approved date or no review interval,
	// so nobody can tell whether it is still current.
	ReviewUntracked = "untracked"
	// ReviewNotApplicable: a pack policy nothing here measures (Policy.NotApplicable).
	ReviewNotApplicable = "not_applicable"
)

// Policy is the measured compliance with one security policy.
type Policy struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Owner       string `json:"owner,omitempty"`
	Approved    string `json:"approved,omitempty"`
	ReviewEvery string `json:"review_every,omitempty"`
	ReviewDue   string `json:"review_due,omitempty"`
	// ReviewStatus is current, overdue or untracked.
	ReviewStatus  string `json:"review_status"`
	ReviewOverdue bool   `json:"review_overdue"`
	// Compliance is the share of the policy's results that pass (0–1); null when none exist.
	Compliance *float64    `json:"compliance"`
	Results    Counts      `json:"results"`
	Statements []Statement `json:"statements"`
	// NotApplicable: a policy of the governance pack none of whose
	// statements' controls produced a result here. Its review is not
	// judged: an organisation is not overdue on a policy it never adopted.
	NotApplicable bool `json:"not_applicable,omitempty"`
}

// Statement is the measured compliance with one policy statement.
type Statement struct {
	ID         string   `json:"id"`
	Text       string   `json:"text"`
	Controls   []string `json:"controls"`
	Compliance *float64 `json:"compliance"`
	Results    Counts   `json:"results"`
	// Unmeasured: the statement names no control, so nothing can show it is met.
	Unmeasured bool `json:"unmeasured"`
	// NotTested: it names controls, but none produced a result in this run.
	NotTested bool `json:"not_tested"`
}

// compliance is the plain share of passing results. Waived results do not
// pass: the policy is knowingly not met there, however well justified.
func compliance(c Counts) *float64 {
	if c.Total() == 0 {
		return nil
	}
	v := math.Round(float64(c.Pass)/float64(c.Total())*1000) / 1000
	return &v
}

func policyCompliance(fs []finding.Finding, ws *model.Workspace, now time.Time) []Policy {
	// Pointers, not copies: a large run has tens of thousands of findings.
	byControl := map[string][]*finding.Finding{}
	for i := range fs {
		byControl[fs[i].ControlID] = append(byControl[fs[i].ControlID], &fs[i])
	}
	out := make([]Policy, 0, len(ws.Policies))
	for _, p := range ws.Policies {
		pc := Policy{ID: p.ID, Title: p.Title, Owner: p.Owner, Approved: p.Approved, ReviewEvery: p.ReviewEvery, ReviewStatus: ReviewUntracked, Statements: []Statement{}}
		if !p.ApprovedOn.IsZero() && p.ReviewInterval > 0 {
			due := p.ApprovedOn.Add(p.ReviewInterval)
			pc.ReviewDue = dateString(due)
			pc.ReviewStatus = ReviewCurrent
			// The review is due on its date, overdue from the next day.
			if !now.Before(due.AddDate(0, 0, 1)) {
				pc.ReviewStatus, pc.ReviewOverdue = ReviewOverdue, true
			}
		}
		seen := map[string]bool{}
		for _, st := range p.Statements {
			sc := Statement{ID: st.ID, Text: st.Text, Controls: append([]string{}, st.Controls...), Unmeasured: len(st.Controls) == 0}
			for _, c := range st.Controls {
				for _, f := range byControl[c] {
					sc.Results.add(f.Status)
					if !seen[f.Fingerprint] {
						seen[f.Fingerprint] = true
						pc.Results.add(f.Status)
					}
				}
			}
			sc.Compliance = compliance(sc.Results)
			sc.NotTested = !sc.Unmeasured && sc.Compliance == nil
			pc.Statements = append(pc.Statements, sc)
		}
		pc.Compliance = compliance(pc.Results)
		if ws.InPack(p.DeclRange) && pc.Results.Total() == 0 {
			pc.NotApplicable, pc.ReviewStatus, pc.ReviewOverdue = true, ReviewNotApplicable, false
		}
		out = append(out, pc)
	}
	return out
}
