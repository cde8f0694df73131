// Package link joins engine findings with the governance HCL: each finding
// learns the mitigations and risks it belongs to, the training linked to its
// control and the policy statements it measures. It is also the one place
// waivers are decided (waiver.go): their validity, their use, which failures
// they waive and the warnings about them; later stages only read those
// decisions.
package link

import (
	"slices"
	"time"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

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

// Apply links every finding and applies the waivers as Review decides them
// for now. It links fs in place and returns it, with every waiver's
// status in workspace order: the caller gives its findings up to Apply.
// A copy beside the engine's results was the largest allocation of a
// large audit (260 MB of 720,000 findings at 20,000 repositories, issue
// 16), alive at once with them. A control's findings share its Links
// (computed once per control): they are read-only.
func Apply(fs []finding.Finding, ws *model.Workspace, now time.Time) ([]finding.Finding, []WaiverStatus) {
	ix := NewIndex(ws)
	wv := newWaivers(ws, now)
	links := map[string]*finding.Links{}
	for i := range fs {
		f := &fs[i]
		l, ok := links[f.ControlID]
		if !ok {
			l = &finding.Links{
				Risks:       orEmpty(ix.Risks(f.ControlID)),
				Mitigations: orEmpty(ix.Mitigations(f.ControlID)),
				Training:    orEmpty(ix.training[f.ControlID]),
				Policies:    orEmpty(ix.policies[f.ControlID]),
			}
			links[f.ControlID] = l
		}
		f.Links = l
		wv.apply(f)
	}
	return fs, wv.done()
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
