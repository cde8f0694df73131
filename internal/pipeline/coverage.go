package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// A pass means a control looked at real data. This file holds what the
// pipeline says when it did not look: resource types no control applies to,
// an audit that reached no verdict at all, and a run cut short by a signal.

// ErrInterrupted is returned (wrapped) by a command stopped by a signal.
var ErrInterrupted = errors.New("interrupted")

// Interrupted reports whether the run's context was cancelled, which in
// rampart means a signal (cmd/rampart builds it with signal.NotifyContext).
func Interrupted(ctx context.Context) bool {
	return ctx.Err() != nil
}

// uncovered makes one not_evaluated result per resource type of the
// snapshot that no loaded control applies to, and a warning saying the
// same for the management summary, which lists no not_evaluated results.
// Those resources are evaluated by nothing, so the report must say so
// rather than let them vanish from it.
func uncovered(cat *engine.Catalog, resources []evidence.Resource) ([]finding.Finding, []string) {
	known := map[string]bool{}
	for _, c := range cat.Controls {
		for _, t := range c.ResourceTypes {
			known[t] = true
		}
		// A related type is read by the controls that relate to it (the
		// CIS 4.x chain judges metric filters, alarms and subscriptions
		// on the account): its resources are evaluated there.
		for _, rel := range c.Related {
			known[rel.Type] = true
		}
	}
	type seen struct {
		n     int
		first evidence.Resource
	}
	unknown := map[string]*seen{}
	for _, r := range resources {
		if known[r.Type] {
			continue
		}
		s, ok := unknown[r.Type]
		if !ok {
			unknown[r.Type] = &seen{n: 1, first: r}
			continue
		}
		s.n++
		if r.ID < s.first.ID {
			s.first = r
		}
	}
	types := make([]string, 0, len(unknown))
	for t := range unknown {
		types = append(types, t)
	}
	sort.Strings(types)
	out := make([]finding.Finding, 0, len(types))
	notes := make([]string, 0, len(types))
	for _, t := range types {
		s := unknown[t]
		notes = append(notes, fmt.Sprintf("not evaluated: %d resource(s) of type %q (e.g. %s): no loaded control applies to this type", s.n, t, s.first.ID))
		msg := fmt.Sprintf("no loaded control applies to resources of type %q: this one was not evaluated", t)
		if s.n > 1 {
			msg = fmt.Sprintf("no loaded control applies to resources of type %q: none of its %d resources (this one and %d more) was evaluated", t, s.n, s.n-1)
		}
		out = append(out, finding.Finding{
			ControlID: verdict.NoControlID,
			Title:     "No loaded control applies to this resource type",
			Severity:  finding.Info,
			Status:    finding.NotEvaluated,
			Message:   msg,
			Resource:  &finding.ResourceRef{Type: t, ID: s.first.ID, System: s.first.System, Source: s.first.Source},
			// One entry per type, stable whichever resource comes first.
			Fingerprint: finding.Fingerprint(verdict.NoControlID, t, ""),
			Frameworks:  map[string][]string{},
		})
	}
	return out, notes
}

// idleControls names each control whose resource type no producer emits
// (the registry does not list it) and no resource of the evidence has: a
// misspelt type (aws.s3.buckets) makes a control evaluate nothing, which
// must not be silent. A control of a registered type that simply has no
// resources here (AWS controls on a GitHub-only estate) is not named.
func idleControls(cat *engine.Catalog, resources []evidence.Resource) []string {
	present := map[string]bool{}
	for _, r := range resources {
		present[r.Type] = true
	}
	var out []string
	for _, c := range cat.Controls {
		for _, t := range c.ResourceTypes {
			if !present[t] && !evidence.KnownResourceType(t) {
				out = append(out, fmt.Sprintf("control %s evaluated nothing: its resource type %q is not one any producer emits (docs/resources.md) and no resource of the evidence has it", c.ID, t))
			}
		}
	}
	return out
}

// sortFindings restores the report order (control, resource type, ID)
// after the pipeline's own entries are added to the engine's.
func sortFindings(fs []finding.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.ControlID != b.ControlID {
			return a.ControlID < b.ControlID
		}
		if a.Resource.Type != b.Resource.Type {
			return a.Resource.Type < b.Resource.Type
		}
		return a.Resource.ID < b.Resource.ID
	})
}

// mergeSorted merges two slices sorted as sortFindings sorts into a new
// one of their combined length: what appending b to a and sorting gives,
// equal keys from a first (TestMergeSortedIsSortFindings). It is how the
// extra findings joined the engine's before the engine merged them itself
// (engine.EvaluateMerged): finding.WholeResults, BenchmarkAudit's baseline.
func mergeSorted(a, b []finding.Finding) []finding.Finding {
	less := func(x, y *finding.Finding) bool {
		if x.ControlID != y.ControlID {
			return x.ControlID < y.ControlID
		}
		if x.Resource.Type != y.Resource.Type {
			return x.Resource.Type < y.Resource.Type
		}
		return x.Resource.ID < y.Resource.ID
	}
	out := make([]finding.Finding, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if less(&b[j], &a[i]) {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func joinReason(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a == b:
		return a
	default:
		return a + "; " + b
	}
}
