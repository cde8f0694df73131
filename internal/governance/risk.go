package governance

import (
	"math"
	"slices"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
)

// AppetiteStatus says whether a risk's residual score is acceptable.
type AppetiteStatus string

const (
	AppetiteWithin AppetiteStatus = "within"
	AppetiteOver   AppetiteStatus = "over"
	// AppetiteNotApplicable: a risk of the governance pack that nothing in
	// the run makes relevant (NotApplicable); it is listed, not scored.
	AppetiteNotApplicable AppetiteStatus = "not_applicable"
)

// Risk is one scored entry of the risk register. The formulas are in
// docs/governance.md; scoreRisk implements them.
type Risk struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Threat     string `json:"threat,omitempty"`
	Owner      string `json:"owner,omitempty"`
	Likelihood int    `json:"likelihood"`
	Impact     int    `json:"impact"`
	// Inherent is likelihood × impact, before any control.
	Inherent int `json:"inherent"`
	// Effectiveness is the severity-weighted share of applicable results
	// that pass (0–1); null when nothing measured the risk.
	Effectiveness *float64 `json:"effectiveness"`
	// ResidualLikelihood is the likelihood left once effective controls act.
	ResidualLikelihood int            `json:"residual_likelihood"`
	Residual           int            `json:"residual"`
	AppetiteStatus     AppetiteStatus `json:"appetite_status"`
	// Unmitigated: the risk lists no mitigation.
	Unmitigated bool `json:"unmitigated"`
	// Unmeasured: its mitigations name no control, or none of their controls
	// produced a result; no credit is given, so residual equals inherent.
	Unmeasured  bool              `json:"unmeasured"`
	Results     Counts            `json:"results"`
	Alerts      AlertCounts       `json:"alerts"`
	Mitigations []MitigationScore `json:"mitigations"`
	// Acceptances are the waivers that name this risk: failures knowingly accepted.
	Acceptances []Acceptance `json:"acceptances"`
	// NotApplicable: a risk of the governance pack (not the workspace's
	// own) that no result of its mitigations' controls, no open alert and no
	// waiver makes relevant — an AWS risk of a GitHub-only organisation. It
	// is listed with no residual score and never over the appetite.
	NotApplicable bool `json:"not_applicable,omitempty"`
}

// AlertCounts tallies the open security alerts linked to a risk.
type AlertCounts struct {
	Open    int `json:"open"`
	Overdue int `json:"overdue"`
}

// MitigationScore is the measured effectiveness of one mitigation.
type MitigationScore struct {
	ID            string   `json:"id"`
	Title         string   `json:"title,omitempty"`
	Controls      []string `json:"controls"`
	Effectiveness *float64 `json:"effectiveness"`
	Unmeasured    bool     `json:"unmeasured"`
	Results       Counts   `json:"results"`
}

// Acceptance is a waiver recorded against the risk it accepts.
type Acceptance struct {
	Waiver     string           `json:"waiver"`
	Control    string           `json:"control"`
	State      link.WaiverState `json:"state"`
	ApprovedBy string           `json:"approved_by"`
	Expires    string           `json:"expires"`
	Reason     string           `json:"reason"`
	Waived     int              `json:"waived"`
}

// share accumulates a severity-weighted pass share.
type share struct{ effective, total float64 }

// add counts one result. Only a pass is effective: a failure obviously is
// not, error and not_evaluated are not (fail closed: an unmeasured control
// is not a working one), and neither is waived — a waiver accepts the risk
// the failure leaves, it does not reduce it.
func (s *share) add(sev finding.Severity, effective bool) {
	w := weight(sev)
	s.total += w
	if effective {
		s.effective += w
	}
}

// value is the share rounded to three decimals for the report; nil when
// nothing was measured.
func (s share) value() *float64 {
	if s.total == 0 {
		return nil
	}
	v := math.Round(s.effective/s.total*1000) / 1000
	return &v
}

// residualLikelihood: preventive controls make a risk less likely, not less
// harmful, so effectiveness scales likelihood only. Rounded up (an estimate
// must not flatter) and never below 1 (a risk that exists is at least rare).
// Unmeasured risks get no credit. It uses the exact share, not the rounded one.
func residualLikelihood(likelihood int, s share) int {
	if s.total == 0 {
		return likelihood
	}
	rl := math.Ceil(float64(likelihood)*(1-s.effective/s.total) - 1e-9)
	return max(1, int(rl))
}

func scoreRisks(fs []finding.Finding, waivers []link.WaiverStatus, alerts []Alert, ws *model.Workspace) []Risk {
	// Pointers, not copies: a large run has tens of thousands of findings.
	byControl := map[string][]*finding.Finding{}
	for i := range fs {
		byControl[fs[i].ControlID] = append(byControl[fs[i].ControlID], &fs[i])
	}
	mitigations := map[string]*model.Mitigation{}
	for _, m := range ws.Mitigations {
		mitigations[m.ID] = m
	}
	out := make([]Risk, 0, len(ws.Risks))
	for _, r := range ws.Risks {
		rs := scoreRisk(r, mitigations, byControl, waivers, alerts, ws.Settings.RiskAppetite)
		if ws.InPack(r.DeclRange) && rs.Results.Total() == 0 && rs.Alerts.Open == 0 && len(rs.Acceptances) == 0 {
			rs.NotApplicable, rs.AppetiteStatus = true, AppetiteNotApplicable
			rs.Unmeasured, rs.ResidualLikelihood, rs.Residual = false, 0, 0
		}
		out = append(out, rs)
	}
	slices.SortStableFunc(out, func(a, b Risk) int {
		if a.Residual != b.Residual {
			return b.Residual - a.Residual
		}
		if a.Inherent != b.Inherent {
			return b.Inherent - a.Inherent
		}
		if a.ID < b.ID {
			return -1
		}
		return 1
	})
	return out
}

func scoreRisk(r *model.Risk, mitigations map[string]*model.Mitigation, byControl map[string][]*finding.Finding, waivers []link.WaiverStatus, alerts []Alert, appetite float64) Risk {
	out := Risk{
		ID: r.ID, Title: r.Title, Threat: r.Threat, Owner: r.Owner,
		Likelihood: r.Likelihood, Impact: r.Impact, Inherent: r.Likelihood * r.Impact,
		Unmitigated: len(r.Mitigations) == 0,
		Mitigations: []MitigationScore{}, Acceptances: []Acceptance{},
	}
	var total share
	// A control listed by two mitigations of one risk is one measurement, not two.
	seen := map[string]bool{}
	for _, mid := range r.Mitigations {
		m := mitigations[mid]
		if m == nil {
			continue // the model rejects unknown references; nothing to score
		}
		ms := MitigationScore{ID: m.ID, Title: m.Title, Controls: slices.Clone(m.Controls)}
		var s share
		for _, c := range m.Controls {
			for _, f := range byControl[c] {
				ms.Results.add(f.Status)
				s.add(f.Severity, f.Status == finding.Pass)
				if !seen[f.Fingerprint] {
					seen[f.Fingerprint] = true
					out.Results.add(f.Status)
					total.add(f.Severity, f.Status == finding.Pass)
				}
			}
		}
		ms.Effectiveness = s.value()
		ms.Unmeasured = ms.Effectiveness == nil
		out.Mitigations = append(out.Mitigations, ms)
	}
	// Open alerts linked to the risk are shown on it but not scored again:
	// the alert-SLA controls (GH-REPO-020 to 022) already measure them per
	// repository through the risk's mitigations, and counting each alert on
	// top would weigh the same evidence twice.
	for _, a := range alerts {
		if !slices.Contains(a.Risks, r.ID) {
			continue
		}
		out.Alerts.Open++
		if a.Overdue {
			out.Alerts.Overdue++
		}
	}
	out.Effectiveness = total.value()
	out.Unmeasured = !out.Unmitigated && out.Effectiveness == nil
	out.ResidualLikelihood = residualLikelihood(r.Likelihood, total)
	out.Residual = out.ResidualLikelihood * r.Impact
	out.AppetiteStatus = AppetiteWithin
	if float64(out.Residual) > appetite {
		out.AppetiteStatus = AppetiteOver
	}
	for _, w := range waivers {
		if w.Risk == r.ID {
			out.Acceptances = append(out.Acceptances, Acceptance{
				Waiver: w.ID, Control: w.Control, State: w.State, ApprovedBy: w.ApprovedBy,
				Expires: w.Expires, Reason: w.Reason, Waived: w.Waived,
			})
		}
	}
	return out
}
