package governance

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
)

// Each case is computed by hand in its comment; weights are critical 5,
// high 4, medium 3, low 2, info 1.
func TestScoreRisks(t *testing.T) {
	t.Parallel()
	const repo = "github.repository"
	cases := []struct {
		name        string
		likelihood  int
		impact      int
		mitigations []string
		findings    []finding.Finding
		alerts      []Alert
		want        Risk
	}{
		{
			// effective 5 (C1 pass) + 2+2 (C2 passes) = 9; total 5+5+2+2+2 = 16
			// → 0.5625; residual likelihood ceil(4 × 0.4375 = 1.75) = 2; 2 × 5 = 10 > 8.
			name: "weighted share with error counted as not effective", likelihood: 4, impact: 5, mitigations: []string{"m1"},
			findings: []finding.Finding{
				res("C1", finding.Critical, finding.Pass, repo, "a", ""),
				res("C1", finding.Critical, finding.Fail, repo, "b", ""),
				res("C2", finding.Low, finding.Pass, repo, "a", ""),
				res("C2", finding.Low, finding.Pass, repo, "b", ""),
				res("C2", finding.Low, finding.Error, repo, "c", ""),
			},
			want: Risk{Inherent: 20, Effectiveness: ptr(0.563), ResidualLikelihood: 2, Residual: 10, AppetiteStatus: AppetiteOver,
				Results: Counts{Pass: 3, Fail: 1, Error: 1}},
		},
		{
			// pass 3 of (3 + 3 waived + 3 not evaluated) = 1/3; ceil(3 × 2/3 = 2) = 2; 2 × 4 = 8 ≤ 8.
			name: "waived and not_evaluated are not effective", likelihood: 3, impact: 4, mitigations: []string{"m2"},
			findings: []finding.Finding{
				res("C3", finding.Medium, finding.Pass, repo, "a", ""),
				res("C3", finding.Medium, finding.Waived, repo, "b", ""),
				res("C3", finding.Medium, finding.NotEvaluated, repo, "c", ""),
			},
			want: Risk{Inherent: 12, Effectiveness: ptr(0.333), ResidualLikelihood: 2, Residual: 8, AppetiteStatus: AppetiteWithin,
				Results: Counts{Pass: 1, Waived: 1, NotEvaluated: 1}},
		},
		{
			// all pass: ceil(5 × 0) = 0, floored at 1; 1 × 5 = 5.
			name: "fully effective keeps the impact", likelihood: 5, impact: 5, mitigations: []string{"m2"},
			findings: []finding.Finding{res("C3", finding.Medium, finding.Pass, repo, "a", "")},
			want:     Risk{Inherent: 25, Effectiveness: ptr(1), ResidualLikelihood: 1, Residual: 5, AppetiteStatus: AppetiteWithin, Results: Counts{Pass: 1}},
		},
		{
			name: "no mitigation: unmitigated, no credit", likelihood: 2, impact: 5,
			want: Risk{Inherent: 10, ResidualLikelihood: 2, Residual: 10, AppetiteStatus: AppetiteOver, Unmitigated: true},
		},
		{
			name: "mitigation without controls: unmeasured", likelihood: 2, impact: 3, mitigations: []string{"empty"},
			want: Risk{Inherent: 6, ResidualLikelihood: 2, Residual: 6, AppetiteStatus: AppetiteWithin, Unmeasured: true},
		},
		{
			name: "controls without results: unmeasured", likelihood: 3, impact: 3, mitigations: []string{"m2"},
			findings: []finding.Finding{res("C1", finding.Critical, finding.Pass, repo, "a", "")},
			want:     Risk{Inherent: 9, ResidualLikelihood: 3, Residual: 9, AppetiteStatus: AppetiteOver, Unmeasured: true},
		},
		{
			// C1 is in m1 and m3: its one result counts once for the risk.
			// critical pass 5 of (5 + high fail 4) = 5/9; ceil(3 × 4/9 = 1.33) = 2; 2 × 3 = 6.
			name: "a control in two mitigations counts once", likelihood: 3, impact: 3, mitigations: []string{"m1", "m3"},
			findings: []finding.Finding{
				res("C1", finding.Critical, finding.Pass, repo, "a", ""),
				res("C4", finding.High, finding.Fail, repo, "a", ""),
			},
			want: Risk{Inherent: 9, Effectiveness: ptr(0.556), ResidualLikelihood: 2, Residual: 6, AppetiteStatus: AppetiteWithin, Results: Counts{Pass: 1, Fail: 1}},
		},
		{
			// Alerts are shown on the risk but scored only through the alert-SLA
			// controls: one medium pass → 1; ceil(3 × 0) → 1; 1 × 4 = 4.
			name: "linked alerts are counted, not scored", likelihood: 3, impact: 4, mitigations: []string{"m2"},
			findings: []finding.Finding{res("C3", finding.Medium, finding.Pass, repo, "a", "")},
			alerts: []Alert{
				{Kind: KindSecretScanning, Severity: finding.Critical, Risks: []string{"r"}},
				{Kind: KindDependabot, Severity: finding.High, Overdue: true, Risks: []string{"r"}},
				{Kind: KindDependabot, Severity: finding.High, Overdue: true, Risks: []string{"other"}},
			},
			want: Risk{Inherent: 12, Effectiveness: ptr(1), ResidualLikelihood: 1, Residual: 4, AppetiteStatus: AppetiteWithin,
				Results: Counts{Pass: 1}, Alerts: AlertCounts{Open: 2, Overdue: 1}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ws := workspace(t)
			ws.Mitigations = []*model.Mitigation{
				{ID: "m1", Controls: []string{"C1", "C2"}},
				{ID: "m2", Controls: []string{"C3"}},
				{ID: "m3", Controls: []string{"C1", "C4"}},
				{ID: "empty"},
			}
			ws.Risks = []*model.Risk{{ID: "r", Title: "R", Likelihood: tc.likelihood, Impact: tc.impact, Mitigations: tc.mitigations}}
			got := scoreRisks(tc.findings, nil, tc.alerts, ws)
			require.Len(t, got, 1)
			r := got[0]
			assert.Equal(t, tc.want.Inherent, r.Inherent, "inherent")
			assert.Equal(t, tc.want.Effectiveness, r.Effectiveness, "effectiveness")
			assert.Equal(t, tc.want.ResidualLikelihood, r.ResidualLikelihood, "residual likelihood")
			assert.Equal(t, tc.want.Residual, r.Residual, "residual")
			assert.Equal(t, tc.want.AppetiteStatus, r.AppetiteStatus, "appetite")
			assert.Equal(t, tc.want.Unmitigated, r.Unmitigated, "unmitigated")
			assert.Equal(t, tc.want.Unmeasured, r.Unmeasured, "unmeasured")
			assert.Equal(t, tc.want.Results, r.Results, "results")
			assert.Equal(t, tc.want.Alerts, r.Alerts, "alerts")
		})
	}
}

func TestScoreRisksMitigationsAcceptancesAndOrder(t *testing.T) {
	t.Parallel()
	ws := workspace(t)
	ws.Mitigations = []*model.Mitigation{{ID: "m1", Title: "M1", Controls: []string{"C1"}}, {ID: "m2", Controls: []string{"C2"}}}
	ws.Risks = []*model.Risk{
		{ID: "low", Likelihood: 1, Impact: 2},
		{ID: "high", Likelihood: 4, Impact: 4, Mitigations: []string{"m1", "m2"}},
	}
	fs := []finding.Finding{
		res("C1", finding.High, finding.Pass, "t", "a", ""),
		res("C1", finding.High, finding.Fail, "t", "b", ""),
	}
	waivers := []link.WaiverStatus{
		{ID: "w1", Control: "C1", State: link.WaiverActive, Risk: "high", ApprovedBy: "iso", Expires: "2027-01-01", Reason: "why", Waived: 2},
		{ID: "w2", Control: "C1", State: link.WaiverActive},
	}
	got := scoreRisks(fs, waivers, nil, ws)
	require.Len(t, got, 2)
	assert.Equal(t, "high", got[0].ID, "highest residual first")
	// 4 of 8 → 0.5; ceil(4 × 0.5) = 2; 2 × 4 = 8
	assert.Equal(t, 8, got[0].Residual)
	require.Len(t, got[0].Mitigations, 2)
	assert.Equal(t, MitigationScore{ID: "m1", Title: "M1", Controls: []string{"C1"}, Effectiveness: ptr(0.5), Results: Counts{Pass: 1, Fail: 1}}, got[0].Mitigations[0])
	assert.True(t, got[0].Mitigations[1].Unmeasured)
	assert.Nil(t, got[0].Mitigations[1].Effectiveness)
	assert.Equal(t, []Acceptance{{Waiver: "w1", Control: "C1", State: link.WaiverActive, ApprovedBy: "iso", Expires: "2027-01-01", Reason: "why", Waived: 2}}, got[0].Acceptances)
	assert.Empty(t, got[1].Acceptances)
	assert.True(t, got[1].Unmitigated)
}
