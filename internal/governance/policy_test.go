package governance

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

func policyWorkspace(t *testing.T) *model.Workspace {
	ws := workspace(t)
	ws.Policies = []*model.Policy{
		{ID: "access", Title: "Access", Approved: "2025-01-15", ApprovedOn: day("2025-01-15"), ReviewEvery: "365d", ReviewInterval: 365 * 24 * time.Hour,
			Statements: []model.Statement{
				{ID: "mfa", Text: "MFA", Controls: []string{"C1", "C2"}},
				{ID: "reviews", Text: "Reviews", Controls: []string{"C2"}},
				{ID: "people", Text: "Background checks"},
				{ID: "future", Text: "Not yet collected", Controls: []string{"C9"}},
			}},
		{ID: "draft", Title: "Draft"},
	}
	return ws
}

func TestPolicyCompliance(t *testing.T) {
	t.Parallel()
	fs := []finding.Finding{
		res("C1", finding.High, finding.Pass, "t", "a", ""),
		res("C1", finding.High, finding.Fail, "t", "b", ""),
		res("C1", finding.High, finding.Waived, "t", "c", ""),
		res("C2", finding.Low, finding.Pass, "t", "a", ""),
		res("C2", finding.Low, finding.NotEvaluated, "t", "b", ""),
	}
	got := policyCompliance(fs, policyWorkspace(t), at("2026-01-15"))
	require.Len(t, got, 2)
	p := got[0]
	// mfa: 2 pass of 5; reviews: 1 of 2; the policy counts C2's results once: 2 of 5.
	assert.Equal(t, ptr(0.4), p.Statements[0].Compliance)
	assert.Equal(t, Counts{Pass: 2, Fail: 1, Waived: 1, NotEvaluated: 1}, p.Statements[0].Results)
	assert.Equal(t, ptr(0.5), p.Statements[1].Compliance)
	assert.Equal(t, ptr(0.4), p.Compliance)
	assert.True(t, p.Statements[2].Unmeasured)
	assert.False(t, p.Statements[2].NotTested)
	assert.Nil(t, p.Statements[2].Compliance)
	assert.True(t, p.Statements[3].NotTested)
	assert.False(t, p.Statements[3].Unmeasured)
	assert.Equal(t, "2026-01-15", p.ReviewDue)
	assert.Equal(t, ReviewCurrent, p.ReviewStatus, "due today is not overdue yet")
	assert.Equal(t, ReviewUntracked, got[1].ReviewStatus)
	assert.Nil(t, got[1].Compliance)
}

func TestPolicyReviewOverdue(t *testing.T) {
	t.Parallel()
	ws := policyWorkspace(t)
	for _, tc := range []struct {
		now     time.Time
		overdue bool
	}{
		{at("2025-06-01"), false},
		{day("2026-01-15").Add(23*time.Hour + 59*time.Minute), false},
		{day("2026-01-16"), true},
		{at("2027-01-01"), true},
	} {
		got := policyCompliance(nil, ws, tc.now)
		assert.Equal(t, tc.overdue, got[0].ReviewOverdue, tc.now)
	}
	// Overdue review is reported as a warning of the run.
	out, err := Evaluate(Input{Workspace: ws, Now: day("2026-01-16")})
	require.NoError(t, err)
	assert.Contains(t, out.Warnings, "policy access: review was due on 2026-01-15 (approved 2025-01-15, review every 365d)")
}
