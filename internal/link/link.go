// Package link joins engine findings with the governance HCL: each finding
// learns the mitigations and risks it belongs to, the training linked to its
// control and the policy statements it measures; waivers turn accepted
// failures into waived ones until they expire.
package link

import (
	"fmt"
	"slices"
	"time"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/glob"
	"github.com/rampart-audit/rampart/internal/model"
)

// ExpiringWithin is how soon before expiry a waiver is reported as expiring.
const ExpiringWithin = 30 * 24 * time.Hour

// WaiverState is what happened to one waiver in a run.
type WaiverState string

const (
	WaiverActive   WaiverState = "active"
	WaiverExpiring WaiverState = "expiring"
	WaiverExpired  WaiverState = "expired"
	// WaiverStale means the waiver matched no result: it waives nothing and should be removed.
	WaiverStale WaiverState = "stale"
)

// WaiverStatus reports a waiver's state and the findings it applied to.
type WaiverStatus struct {
	ID         string      `json:"id"`
	Control    string      `json:"control"`
	State      WaiverState `json:"state"`
	Expires    string      `json:"expires"`
	ApprovedBy string      `json:"approved_by"`
	Reason     string      `json:"reason"`
	Risk       string      `json:"risk,omitempty"`
	// Matched counts the results the waiver's patterns matched (any status).
	Matched int `json:"matched"`
	// Waived counts the failures it turned into waived.
	Waived int `json:"waived"`
}

// Index holds the governance relations by control ID.
type Index struct {
	mitigations map[string][]string // control → mitigations
	risks       map[string][]string // mitigation → risks
	training    map[string][]string // control → trainings
	policies    map[string][]string // control → "policy/statement"
}

// NewIndex builds the lookup tables once per run.
func NewIndex(ws *model.Workspace) *Index {
	ix := &Index{mitigations: map[string][]string{}, risks: map[string][]string{}, training: map[string][]string{}, policies: map[string][]string{}}
	for _, m := range ws.Mitigations {
		for _, c := range m.Controls {
			ix.mitigations[c] = appendUnique(ix.mitigations[c], m.ID)
		}
	}
	for _, r := range ws.Risks {
		for _, m := range r.Mitigations {
			ix.risks[m] = appendUnique(ix.risks[m], r.ID)
		}
	}
	for _, t := range ws.Trainings {
		for _, c := range t.Controls {
			ix.training[c] = appendUnique(ix.training[c], t.ID)
		}
	}
	for _, p := range ws.Policies {
		for _, st := range p.Statements {
			for _, c := range st.Controls {
				ix.policies[c] = appendUnique(ix.policies[c], p.ID+"/"+st.ID)
			}
		}
	}
	return ix
}

// Mitigations returns the mitigations that list the control.
func (ix *Index) Mitigations(control string) []string { return ix.mitigations[control] }

// Risks returns the risks a control's failure threatens, through its mitigations.
func (ix *Index) Risks(control string) []string {
	var out []string
	for _, m := range ix.mitigations[control] {
		for _, r := range ix.risks[m] {
			out = appendUnique(out, r)
		}
	}
	return out
}

// Apply links every finding and applies waivers as of now. It returns new
// findings (the input is not changed) and the state of every waiver.
func Apply(fs []finding.Finding, ws *model.Workspace, now time.Time) ([]finding.Finding, []WaiverStatus) {
	ix := NewIndex(ws)
	out := make([]finding.Finding, len(fs))
	type compiled struct {
		w        *model.Waiver
		patterns []glob.Pattern
		status   *WaiverStatus
	}
	waivers := make([]compiled, len(ws.Waivers))
	statuses := make([]WaiverStatus, len(ws.Waivers))
	for i, w := range ws.Waivers {
		statuses[i] = WaiverStatus{ID: w.ID, Control: w.Control, Expires: w.Expires, ApprovedBy: w.ApprovedBy, Reason: w.Reason, Risk: w.Risk, State: waiverState(w, now)}
		c := compiled{w: w, status: &statuses[i]}
		for _, r := range w.Resources {
			c.patterns = append(c.patterns, glob.Compile(r))
		}
		waivers[i] = c
	}
	for i, f := range fs {
		f.Mitigations = orEmpty(ix.Mitigations(f.ControlID))
		f.Risks = orEmpty(ix.Risks(f.ControlID))
		f.Training = orEmpty(ix.training[f.ControlID])
		f.Policies = orEmpty(ix.policies[f.ControlID])
		for _, c := range waivers {
			if c.w.Control != f.ControlID || !matchesAny(c.patterns, f.Resource.ID) {
				continue
			}
			c.status.Matched++
			if f.Status != finding.Fail {
				continue
			}
			if c.status.State == WaiverExpired {
				f.WaiverExpired = c.w.ID
				f.Message += fmt.Sprintf(" (waiver %s expired on %s)", c.w.ID, c.w.Expires)
				continue
			}
			f.Status, f.Waiver = finding.Waived, c.w.ID
			c.status.Waived++
			break
		}
		out[i] = f
	}
	for i := range statuses {
		if statuses[i].Matched == 0 {
			statuses[i].State = WaiverStale
		}
	}
	return out, statuses
}

// waiverState: a waiver is valid through the whole of its expiry date.
func waiverState(w *model.Waiver, now time.Time) WaiverState {
	end := w.ExpiresOn.AddDate(0, 0, 1)
	switch {
	case !now.Before(end):
		return WaiverExpired
	case end.Sub(now) <= ExpiringWithin:
		return WaiverExpiring
	default:
		return WaiverActive
	}
}

func matchesAny(ps []glob.Pattern, s string) bool {
	for _, p := range ps {
		if p.Match(s) {
			return true
		}
	}
	return false
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	list = append(list, s)
	slices.Sort(list)
	return list
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
