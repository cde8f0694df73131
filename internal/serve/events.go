package serve

import (
	"slices"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/history"
	"github.com/rampart-audit/rampart/internal/link"
)

// newFailures are the later run's failures that were not failing in the
// earlier one — new fingerprints and regressions (pass, waived, not
// evaluated → fail) alike: both are a failure someone must look at now.
func newFailures(d *history.Diff, sev finding.Severity) []history.Change {
	out := []history.Change{}
	for _, c := range slices.Concat(d.NewFailures, d.Regressed) {
		if c.Severity == sev {
			out = append(out, c)
		}
	}
	return out
}

// expiredWaivers are the waivers that held in the earlier run and have
// expired in the later (their failures count again).
func expiredWaivers(d *history.Diff) []history.WaiverChange {
	out := []history.WaiverChange{}
	for _, w := range d.WaiversEnded {
		if w.To == link.WaiverExpired {
			out = append(out, w)
		}
	}
	return out
}

// events are the notify events a diff raises, in model.NotifyEvents order.
func events(d *history.Diff) []string {
	var out []string
	if len(newFailures(d, finding.Critical)) > 0 {
		out = append(out, "new_critical")
	}
	if len(newFailures(d, finding.High)) > 0 {
		out = append(out, "new_high")
	}
	if len(expiredWaivers(d)) > 0 {
		out = append(out, "waiver_expired")
	}
	if len(d.CoverageLost) > 0 {
		out = append(out, "coverage_lost")
	}
	return out
}
