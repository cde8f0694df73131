package serve

import (
	"sort"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/store"
)

// Change is one finding that differs between two runs.
type Change struct {
	Fingerprint string              `json:"fingerprint"`
	ControlID   string              `json:"control_id"`
	Title       string              `json:"title"`
	Severity    finding.Severity    `json:"severity"`
	Status      finding.Status      `json:"status"`
	Previous    finding.Status      `json:"previous,omitempty"`
	Message     string              `json:"message"`
	Resource    finding.ResourceRef `json:"resource"`
}

// Diff is what changed from one complete run to the next. A finding the
// newer run did not produce at all is Gone — its resource was deleted or
// not collected — and never Resolved: only a pass resolves a failure.
type Diff struct {
	From           store.RunID             `json:"from"`
	To             store.RunID             `json:"to"`
	NewFailures    []Change                `json:"new_failures"`
	Resolved       []Change                `json:"resolved"`
	StillFailing   []Change                `json:"still_failing"`
	Gone           []Change                `json:"gone"`
	WaiversExpired []link.WaiverStatus     `json:"waivers_expired"`
	CoverageLost   []evidence.NotCollected `json:"coverage_lost"`
	// EvidenceBecameIncomplete: the newer run's evidence is incomplete and
	// the older one's was not.
	EvidenceBecameIncomplete bool `json:"evidence_became_incomplete"`
}

// Compute compares two recorded runs. This is the server's own small
// comparison, kept to what notifications and the dashboard need; the
// full run-to-run history (MTTR, regressions, appetite crossings) is
// internal/history's.
func Compute(from, to *store.Recorded) Diff {
	d := Diff{From: from.ID, To: to.ID, NewFailures: []Change{}, Resolved: []Change{}, StillFailing: []Change{},
		Gone: []Change{}, WaiversExpired: []link.WaiverStatus{}, CoverageLost: []evidence.NotCollected{}}
	before := map[string]finding.Finding{}
	for _, f := range from.Report.Findings {
		before[f.Fingerprint] = f
	}
	seen := map[string]bool{}
	for _, f := range to.Report.Findings {
		seen[f.Fingerprint] = true
		old, had := before[f.Fingerprint]
		c := change(f, old.Status)
		switch {
		case f.Status == finding.Fail && had && old.Status == finding.Fail:
			d.StillFailing = append(d.StillFailing, c)
		case f.Status == finding.Fail:
			d.NewFailures = append(d.NewFailures, c)
		case f.Status == finding.Pass && had && old.Status == finding.Fail:
			d.Resolved = append(d.Resolved, c)
		}
	}
	for _, f := range from.Report.Findings {
		if !seen[f.Fingerprint] && f.Status == finding.Fail {
			c := change(f, f.Status)
			c.Status = ""
			d.Gone = append(d.Gone, c)
		}
	}
	expiredBefore := map[string]bool{}
	for _, w := range from.Report.Waivers {
		if w.State == link.WaiverExpired {
			expiredBefore[w.ID] = true
		}
	}
	for _, w := range to.Report.Waivers {
		if w.State == link.WaiverExpired && !expiredBefore[w.ID] {
			d.WaiversExpired = append(d.WaiversExpired, w)
		}
	}
	collectedBefore := map[string]bool{}
	for _, nc := range from.Report.Evidence.NotCollected {
		collectedBefore[nc.ResourceType+"\x00"+nc.ScopeID] = true
	}
	for _, nc := range to.Report.Evidence.NotCollected {
		if !collectedBefore[nc.ResourceType+"\x00"+nc.ScopeID] {
			d.CoverageLost = append(d.CoverageLost, nc)
		}
	}
	d.EvidenceBecameIncomplete = to.Report.Evidence.Incomplete && !from.Report.Evidence.Incomplete
	for _, l := range [][]Change{d.NewFailures, d.Resolved, d.StillFailing, d.Gone} {
		sortChanges(l)
	}
	return d
}

func change(f finding.Finding, previous finding.Status) Change {
	return Change{Fingerprint: f.Fingerprint, ControlID: f.ControlID, Title: f.Title, Severity: f.Severity,
		Status: f.Status, Previous: previous, Message: f.Message, Resource: f.Resource}
}

// sortChanges: most severe first, then by control and resource.
func sortChanges(cs []Change) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		if a.ControlID != b.ControlID {
			return a.ControlID < b.ControlID
		}
		return a.Resource.ID < b.Resource.ID
	})
}

// Events are the notify events a diff raises, in model.NotifyEvents order.
func (d Diff) Events() []string {
	var out []string
	has := func(sev finding.Severity) bool {
		for _, c := range d.NewFailures {
			if c.Severity == sev {
				return true
			}
		}
		return false
	}
	if has(finding.Critical) {
		out = append(out, "new_critical")
	}
	if has(finding.High) {
		out = append(out, "new_high")
	}
	if len(d.WaiversExpired) > 0 {
		out = append(out, "waiver_expired")
	}
	if len(d.CoverageLost) > 0 || d.EvidenceBecameIncomplete {
		out = append(out, "coverage_lost")
	}
	return out
}
