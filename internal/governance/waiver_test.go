package governance

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
)

// TestWaiverAcceptanceReadsLinkDecisions follows one waiver (expires
// 2027-03-31, accepting risk r) through time with an injected clock: link
// decides it too long when granted too early, then active, expiring, valid
// through its last day, and expired. Governance records each decision as it
// is — the acceptance's state and count — and neither changes a finding nor
// warns about the waiver (link.Warnings does).
func TestWaiverAcceptanceReadsLinkDecisions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		now     time.Time
		maxDays int
		state   link.WaiverState
		waived  int
	}{
		{now: at("2026-03-01"), state: link.WaiverTooLong},
		{now: at("2026-03-31"), state: link.WaiverActive, waived: 1},
		{now: at("2026-12-01"), state: link.WaiverActive, waived: 1},
		{now: at("2027-01-01"), maxDays: 30, state: link.WaiverTooLong},
		{now: at("2027-03-05"), state: link.WaiverExpiring, waived: 1},
		{now: day("2027-03-31").Add(23 * time.Hour), state: link.WaiverExpiring, waived: 1},
		{now: day("2027-04-01"), state: link.WaiverExpired},
	}
	for _, tc := range cases {
		t.Run(tc.now.Format(time.RFC3339), func(t *testing.T) {
			t.Parallel()
			ws := workspace(t)
			if tc.maxDays > 0 {
				ws.Settings.WaiverMaxDays = tc.maxDays
			}
			ws.Mitigations = []*model.Mitigation{{ID: "m", Controls: []string{"C1"}}}
			ws.Risks = []*model.Risk{{ID: "r", Title: "R", Likelihood: 2, Impact: 2, Mitigations: []string{"m"}}}
			ws.Waivers = []*model.Waiver{
				{ID: "legacy", Control: "C1", Resources: []string{"github.com/acme/legacy-*"}, Reason: "archive", ApprovedBy: "iso", Expires: "2027-03-31", ExpiresOn: day("2027-03-31"), Risk: "r"},
				{ID: "nothing", Control: "C1", Resources: []string{"github.com/acme/gone"}, Reason: "x", ApprovedBy: "iso", Expires: "2027-01-31", ExpiresOn: day("2027-01-31"), Risk: "r"},
			}
			raw := []finding.Finding{res("C1", finding.High, finding.Fail, "github.repository", "github.com/acme/legacy-app", "")}
			linked, statuses := link.Apply(raw, ws, tc.now)
			before := append([]finding.Finding(nil), linked...)
			beforeW := append([]link.WaiverStatus(nil), statuses...)

			out, err := Evaluate(Input{Findings: linked, Waivers: statuses, Workspace: ws, Now: tc.now})
			require.NoError(t, err)
			require.Len(t, out.Risks, 1)
			acc := out.Risks[0].Acceptances
			require.Len(t, acc, 2)
			assert.Equal(t, Acceptance{Waiver: "legacy", Control: "C1", State: tc.state, ApprovedBy: "iso", Expires: "2027-03-31", Reason: "archive", Waived: tc.waived}, acc[0])
			assert.Equal(t, link.WaiverStale, acc[1].State, "a waiver matching no result is stale whatever the date")
			// Waived or not, the accepted failure is no working control: residual stays at inherent.
			assert.Equal(t, 4, out.Risks[0].Residual)
			for _, w := range out.Warnings {
				assert.False(t, strings.HasPrefix(w, "waiver "), "waiver warnings are link's: %q", w)
			}
			assert.Equal(t, before, linked, "governance changes no finding")
			assert.Equal(t, beforeW, statuses, "governance changes no waiver decision")
		})
	}
}

// TestGovernanceNeverUnwaives: a waived finding handed to governance stays
// waived in every view, whatever the workspace's maximum term — the term is
// applied once, in link, and a status link decided is final.
func TestGovernanceNeverUnwaives(t *testing.T) {
	t.Parallel()
	ws := workspace(t)
	ws.Settings.WaiverMaxDays = 1
	ws.Mitigations = []*model.Mitigation{{ID: "m", Controls: []string{"C1"}}}
	ws.Risks = []*model.Risk{{ID: "r", Title: "R", Likelihood: 2, Impact: 2, Mitigations: []string{"m"}}}
	// The decisions as link made them under another clock: active, waived.
	statuses := []link.WaiverStatus{{ID: "far", Control: "C1", State: link.WaiverActive, Validity: link.ValidityActive, Use: link.UseMatched,
		Expires: "2030-01-01", ExpiresOn: day("2030-01-01"), Risk: "r", Matched: 1, Waived: 1}}
	f := res("C1", finding.High, finding.Waived, "t", "x", "")
	f.Waiver = "far"
	out, err := Evaluate(Input{Findings: []finding.Finding{f}, Waivers: statuses, Workspace: ws, Now: at("2026-12-01")})
	require.NoError(t, err)
	require.Len(t, out.Risks, 1)
	assert.Equal(t, 1, out.Risks[0].Results.Waived)
	assert.Equal(t, []Acceptance{{Waiver: "far", Control: "C1", State: link.WaiverActive, Expires: "2030-01-01", Waived: 1}}, out.Risks[0].Acceptances)
	assert.Empty(t, out.Warnings)
}
