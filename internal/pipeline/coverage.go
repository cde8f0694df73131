package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

// A pass means a control looked at real data. This file holds what the
// pipeline says when it did not look: resource types no control applies to,
// an audit that reached no verdict at all, and a run cut short by a signal.

// ExitInterrupted is the exit code of a run stopped by SIGINT or SIGTERM,
// 128 + SIGINT as shells report it; no report is written.
const ExitInterrupted = 130

// ErrInterrupted is returned (wrapped) by a command stopped by a signal.
var ErrInterrupted = errors.New("interrupted")

// Interrupted reports whether the run's context was cancelled, which in
// rampart means a signal (cmd/rampart builds it with signal.NotifyContext).
func Interrupted(ctx context.Context) bool {
	return ctx.Err() != nil
}

// uncoveredWarnings names each resource type of the snapshot that no loaded
// control applies to. Those resources are evaluated by nothing, so the
// report must say so rather than let them vanish from it.
func uncoveredWarnings(cat *engine.Catalog, resources []evidence.Resource) []string {
	known := map[string]bool{}
	for _, c := range cat.Controls {
		for _, t := range c.ResourceTypes {
			known[t] = true
		}
	}
	type seen struct {
		n     int
		first string
	}
	unknown := map[string]*seen{}
	for _, r := range resources {
		if known[r.Type] {
			continue
		}
		if s, ok := unknown[r.Type]; ok {
			s.n++
		} else {
			unknown[r.Type] = &seen{n: 1, first: r.ID}
		}
	}
	types := make([]string, 0, len(unknown))
	for t := range unknown {
		types = append(types, t)
	}
	sort.Strings(types)
	out := make([]string, 0, len(types))
	for _, t := range types {
		s := unknown[t]
		out = append(out, fmt.Sprintf("not evaluated: %d resource(s) of type %q (e.g. %s): no loaded control applies to this type", s.n, t, s.first))
	}
	return out
}

// NothingEvaluated says why a report holds no verdict: no control reached
// pass, fail or waived on any resource. Such an audit proves nothing and
// must never exit 0. ok is false when something was evaluated.
func NothingEvaluated(r *report.Report) (reason string, ok bool) {
	for _, f := range r.Findings {
		switch f.Status {
		case finding.Pass, finding.Fail, finding.Waived:
			return "", false
		}
	}
	var why []string
	switch {
	case r.Evidence.Resources == 0:
		why = append(why, "the evidence holds no resources")
	case len(r.Findings) == 0:
		why = append(why, fmt.Sprintf("no loaded control applies to any of the %d resource(s)", r.Evidence.Resources))
	default:
		why = append(why, fmt.Sprintf("every one of the %d result(s) is error or not_evaluated", len(r.Findings)))
	}
	return "nothing was evaluated: " + strings.Join(why, "; "), true
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
