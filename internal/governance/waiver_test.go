package governance

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
)

// TestWaiverLifecycle follows one waiver (expires 2027-03-31) through time
// with an injected clock: too long when granted too early, then active,
// expiring, valid through its last day, and expired.
func TestWaiverLifecycle(t *testing.T) {
	t.Parallel()
	cases := []struct {
		now         time.Time
		maxDays     int
		state       link.WaiverState
		status      finding.Status
		waiverField string
		expiredFrom string
		warning     string
	}{
		{now: at("2026-03-01"), state: WaiverTooLong, status: finding.Fail, warning: "more than 365 days ahead (limit 2027-03-01)"},
		{now: at("2026-03-31"), state: link.WaiverActive, status: finding.Waived, waiverField: "legacy"},
		{now: at("2026-12-01"), state: link.WaiverActive, status: finding.Waived, waiverField: "legacy"},
		{now: at("2027-01-01"), maxDays: 30, state: WaiverTooLong, status: finding.Fail, warning: "more than 30 days ahead"},
		{now: at("2027-03-05"), state: link.WaiverExpiring, status: finding.Waived, waiverField: "legacy"},
		{now: day("2027-03-31").Add(23 * time.Hour), state: link.WaiverExpiring, status: finding.Waived, waiverField: "legacy"},
		{now: day("2027-04-01"), state: link.WaiverExpired, status: finding.Fail, expiredFrom: "legacy"},
	}
	for _, tc := range cases {
		t.Run(tc.now.Format(time.RFC3339), func(t *testing.T) {
			t.Parallel()
			ws := workspace(t)
			if tc.maxDays > 0 {
				ws.Settings.WaiverMaxDays = tc.maxDays
			}
			ws.Waivers = []*model.Waiver{
				{ID: "legacy", Control: "C1", Resources: []string{"github.com/acme/legacy-*"}, Reason: "archive", ApprovedBy: "iso", Expires: "2027-03-31", ExpiresOn: day("2027-03-31"), Risk: "r"},
				{ID: "nothing", Control: "C1", Resources: []string{"github.com/acme/gone"}, Reason: "x", ApprovedBy: "iso", Expires: "2027-01-31", ExpiresOn: day("2027-01-31")},
			}
			raw := []finding.Finding{res("C1", finding.High, finding.Fail, "github.repository", "github.com/acme/legacy-app", "")}
			linked, statuses := link.Apply(raw, ws, tc.now)
			gotF, gotW, warnings := reviewWaivers(linked, statuses, ws, tc.now)

			require.Len(t, gotF, 1)
			assert.Equal(t, tc.status, gotF[0].Status)
			assert.Equal(t, tc.waiverField, gotF[0].Waiver)
			assert.Equal(t, tc.expiredFrom, gotF[0].WaiverExpired)
			assert.Equal(t, tc.state, gotW[0].State)
			assert.Equal(t, link.WaiverStale, gotW[1].State, "a waiver matching no result is stale whatever the date")
			if tc.state == WaiverTooLong {
				assert.Zero(t, gotW[0].Waived)
				assert.Contains(t, gotF[0].Message, "waiver legacy not applied")
				require.NotEmpty(t, warnings)
				assert.Contains(t, warnings[0], tc.warning)
			} else {
				assert.Empty(t, warnings)
			}
			// The input is never changed.
			assert.Equal(t, statuses[0].State == link.WaiverActive || statuses[0].State == link.WaiverExpiring, linked[0].Status == finding.Waived)
		})
	}
}

func TestWaiverRecordedAsRiskAcceptance(t *testing.T) {
	t.Parallel()
	ws := workspace(t)
	ws.Mitigations = []*model.Mitigation{{ID: "m", Controls: []string{"C1"}}}
	ws.Risks = []*model.Risk{{ID: "r", Title: "R", Likelihood: 2, Impact: 2, Mitigations: []string{"m"}}}
	ws.Waivers = []*model.Waiver{{ID: "legacy", Control: "C1", Resources: []string{"*"}, Reason: "archive", ApprovedBy: "iso", Expires: "2027-03-31", ExpiresOn: day("2027-03-31"), Risk: "r"}}
	now := at("2026-12-01")
	linked, statuses := link.Apply([]finding.Finding{res("C1", finding.High, finding.Fail, "t", "x", "")}, ws, now)
	out, err := Evaluate(Input{Findings: linked, Waivers: statuses, Workspace: ws, Now: now})
	require.NoError(t, err)
	require.Len(t, out.Risks, 1)
	assert.Equal(t, []Acceptance{{Waiver: "legacy", Control: "C1", State: link.WaiverActive, ApprovedBy: "iso", Expires: "2027-03-31", Reason: "archive", Waived: 1}}, out.Risks[0].Acceptances)
	// The accepted failure still counts as not effective: residual stays at inherent.
	assert.Equal(t, 4, out.Risks[0].Residual)
}
