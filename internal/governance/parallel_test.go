package governance

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
)

// TestEvaluateIsSerial: Evaluate computes its four views of the findings
// side by side; each is what the view's function gives on its own, and
// under -race (make race) no view writes what another reads.
func TestEvaluateIsSerial(t *testing.T) {
	t.Parallel()
	ws := workspace(t)
	ws.Mitigations = []*model.Mitigation{{ID: "m1", Controls: []string{"C1", "C2"}}, {ID: "m2", Controls: []string{"C3"}}}
	ws.Risks = []*model.Risk{
		{ID: "r1", Title: "R1", Likelihood: 3, Impact: 4, Mitigations: []string{"m1"}},
		{ID: "r2", Title: "R2", Likelihood: 2, Impact: 2, Mitigations: []string{"m1", "m2"}},
	}
	statuses := []finding.Status{finding.Pass, finding.Fail, finding.NotEvaluated, finding.Pass, finding.Error}
	var raw []finding.Finding
	for i := range 2000 {
		raw = append(raw, res(fmt.Sprintf("C%d", 1+i%3), finding.High, statuses[i%len(statuses)], "github.repository", fmt.Sprintf("github.com/acme/r%d", i), []string{"", "shop"}[i%2]))
	}
	now := at("2026-12-01")
	fs, waivers := link.Apply(raw, ws, now)
	in := Input{Findings: fs, Waivers: waivers, Workspace: ws, Now: now}
	got, err := Evaluate(in)
	require.NoError(t, err)
	threats := trackAlerts(in.Resources, ws, now)
	require.Equal(t, scoreRisks(fs, waivers, threats.Alerts, ws), got.Risks)
	require.Equal(t, trainingGaps(fs, in.Resources, ws, in.Options.Records, now), got.TrainingGaps)
	require.Equal(t, policyCompliance(fs, ws, now), got.Policies)
	fw, err := frameworkViews(in.Options.Frameworks, in.Controls, fs)
	require.NoError(t, err)
	require.Equal(t, fw, got.Frameworks)
	require.Len(t, got.Risks, 2)
}
