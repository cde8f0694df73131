package pipeline

import (
	"fmt"
	"sort"
	"time"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

// ManualResourceType is the resource type of a manual control's result: it
// names no evidence, only the control that was (or was not) attested.
const ManualResourceType = "rampart.attestation"

// manualFindings decides each manual control (engine.Control.Manual) from
// the workspace's attestations, one result per control: pass while an
// attestation of it is current on the run's day, fail when none is — the
// latest expired, or nobody ever attested it. A manual control nobody
// attested is a failure, never a pass and never silence, and like any
// other result it is linked to the risks, mitigations, policies and
// training that name the control. The notes are attestations that decide
// nothing (they name a control that is not manual).
func manualFindings(cat *engine.Catalog, ws *model.Workspace, snap *evidence.Snapshot, now time.Time) ([]finding.Finding, []string) {
	// A manual control with resource types is due only where the audit
	// looks at (or failed to collect) resources of those types.
	present := map[string]bool{}
	for _, r := range snap.Resources {
		present[r.Type] = true
	}
	for _, g := range snap.NotCollected {
		present[g.ResourceType] = true
	}
	due := func(c *engine.Control) bool {
		if len(c.ResourceTypes) == 0 {
			return true
		}
		for _, t := range c.ResourceTypes {
			if present[t] {
				return true
			}
		}
		return false
	}
	byControl := map[string][]*model.Attestation{}
	var notes []string
	for _, a := range ws.Attestations {
		if c := cat.Get(a.Control); c != nil && !c.Manual {
			notes = append(notes, fmt.Sprintf("attestation %q names control %s, which is not manual: evidence decides it, so the attestation is not used", a.ID, a.Control))
			continue
		}
		byControl[a.Control] = append(byControl[a.Control], a)
	}
	var out []finding.Finding
	for _, c := range cat.Controls {
		if !c.Manual || !due(c) {
			continue
		}
		f := finding.Finding{
			ControlID: c.ID, Title: c.Title, Severity: c.Severity, Frameworks: c.Frameworks,
			Resource:    &finding.ResourceRef{Type: ManualResourceType, ID: c.ID, Source: evidence.Source{Kind: "attestation"}},
			Fingerprint: finding.Fingerprint(c.ID, ManualResourceType, c.ID),
		}
		atts := byControl[c.ID]
		// The one that holds longest decides; with none current, the latest.
		sort.SliceStable(atts, func(i, j int) bool { return atts[i].ExpiresOn.After(atts[j].ExpiresOn) })
		var current *model.Attestation
		for _, a := range atts {
			if a.CurrentOn(now) {
				current = a
				break
			}
		}
		switch {
		case current != nil:
			f.Status = finding.Pass
			f.Message = fmt.Sprintf("attested by %s on %s, valid through %s: %s", current.AttestedBy, current.Date, current.Expires, current.Statement)
			if current.EvidenceURL != "" {
				f.Message += " (evidence: " + current.EvidenceURL + ")"
			}
			f.Resource.ID, f.Resource.Source = current.ID, attestationSource(current)
		case len(atts) > 0:
			latest := atts[0]
			f.Status = finding.Fail
			if latest.DateOn.After(now) {
				f.Message = fmt.Sprintf("attestation %s by %s is dated %s, after this run: no attestation holds today", latest.ID, latest.AttestedBy, latest.Date)
			} else {
				f.Message = fmt.Sprintf("attestation %s by %s expired on %s: the control must be attested again", latest.ID, latest.AttestedBy, latest.Expires)
			}
			f.Resource.ID, f.Resource.Source = latest.ID, attestationSource(latest)
		default:
			f.Status = finding.Fail
			f.Message = fmt.Sprintf("no attestation: manual control %s is decided by a person, who records it with an attestation block (control = %q)", c.ID, c.ID)
		}
		out = append(out, f)
	}
	return out, notes
}

func attestationSource(a *model.Attestation) evidence.Source {
	return evidence.Source{Kind: "attestation", File: repoRelative(a.DeclRange.Filename), Line: a.DeclRange.Start.Line}
}
