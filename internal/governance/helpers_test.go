package governance

import (
	"testing"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// at is noon UTC of a date, so date boundaries are not hidden by time of day.
func at(s string) time.Time { return day(s).Add(12 * time.Hour) }

func res(control string, sev finding.Severity, status finding.Status, typ, id, system string) finding.Finding {
	return finding.Finding{
		ControlID: control, Severity: sev, Status: status, Message: string(status),
		Resource:    &finding.ResourceRef{Type: typ, ID: id, System: system, Source: evidence.Source{Kind: "live"}},
		Fingerprint: finding.Fingerprint(control, typ, id),
		Links:       &finding.Links{Risks: []string{}, Mitigations: []string{}, Training: []string{}, Policies: []string{}},
	}
}

func ptr(f float64) *float64 { return &f }

// handedOff normalises resources as every producer's snapshot is at the
// evidence hand-off (evidence.Normalize), which governance relies on.
func handedOff(t testing.TB, rs ...evidence.Resource) []evidence.Resource {
	t.Helper()
	snap := &evidence.Snapshot{Resources: rs}
	if err := evidence.Normalize(snap); err != nil {
		t.Fatalf("normalise: %v", err)
	}
	return snap.Resources
}

func workspace(t testing.TB) *model.Workspace {
	t.Helper()
	return &model.Workspace{Settings: model.Settings{RiskAppetite: 8, WaiverMaxDays: 365}}
}
