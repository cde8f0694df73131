package link

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
)

// runNow is the clock of the matrix; with waiver_max_days 365 the latest
// allowed expiry is 2027-11-27.
var runNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func oneWaiver(t *testing.T, expires string, maxDays int) *model.Workspace {
	t.Helper()
	exp, err := model.ParseDate(expires)
	require.NoError(t, err)
	return &model.Workspace{
		Settings: model.Settings{WaiverMaxDays: maxDays},
		Waivers: []*model.Waiver{{ID: "legacy", Control: "GH-REPO-001", Resources: []string{"github.com/acme/legacy-*"},
			Reason: "archive", ApprovedBy: "carol", Expires: expires, ExpiresOn: exp}},
	}
}

// TestWaiverValidityAndUse is the matrix of the two decisions link takes for
// every waiver — validity from the dates, use from the results — and what
// each combination does to the result it matches, the state reports show
// and the warnings.
func TestWaiverValidityAndUse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		expires string
		now     time.Time // zero: runNow
		maxDays int       // 0: the model's default, 365
		// result is the status of the one result the waiver's pattern
		// matches; "" means no result matches (the waiver is stale).
		result       finding.Status
		wantValidity Validity
		wantUse      Use
		wantState    WaiverState
		wantStatus   finding.Status
		wantExpired  bool   // the finding names the waiver in waiver_expired
		wantSuffix   string // appended to the finding's message
		wantWarnings []string
	}{
		{name: "active and matched", expires: "2027-06-30", result: finding.Fail,
			wantValidity: ValidityActive, wantUse: UseMatched, wantState: WaiverActive, wantStatus: finding.Waived},
		{name: "active and stale", expires: "2027-06-30",
			wantValidity: ValidityActive, wantUse: UseStale, wantState: WaiverStale,
			wantWarnings: []string{"waiver legacy matches no result of control GH-REPO-001: remove it or fix its resources"}},
		{name: "active, matched only by a pass", expires: "2027-06-30", result: finding.Pass,
			wantValidity: ValidityActive, wantUse: UseMatched, wantState: WaiverActive, wantStatus: finding.Pass},
		{name: "active never hides a not_evaluated result", expires: "2027-06-30", result: finding.NotEvaluated,
			wantValidity: ValidityActive, wantUse: UseMatched, wantState: WaiverActive, wantStatus: finding.NotEvaluated},
		{name: "active never hides an error", expires: "2027-06-30", result: finding.Error,
			wantValidity: ValidityActive, wantUse: UseMatched, wantState: WaiverActive, wantStatus: finding.Error},
		{name: "expiring within 30 days and matched", expires: "2026-12-20", result: finding.Fail,
			wantValidity: ValidityExpiring, wantUse: UseMatched, wantState: WaiverExpiring, wantStatus: finding.Waived,
			wantWarnings: []string{"waiver legacy expires on 2026-12-20 (within 30 days)"}},
		{name: "31 days ahead is not yet expiring", expires: "2026-12-28", result: finding.Fail,
			wantValidity: ValidityActive, wantUse: UseMatched, wantState: WaiverActive, wantStatus: finding.Waived},
		{name: "valid through the last second of its expiry date", expires: "2026-11-27", now: time.Date(2026, 11, 27, 23, 59, 59, 999999999, time.UTC), result: finding.Fail,
			wantValidity: ValidityExpiring, wantUse: UseMatched, wantState: WaiverExpiring, wantStatus: finding.Waived,
			wantWarnings: []string{"waiver legacy expires on 2026-11-27 (within 30 days)"}},
		{name: "expired from the first instant of the next day", expires: "2026-11-26", now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), result: finding.Fail,
			wantValidity: ValidityExpired, wantUse: UseMatched, wantState: WaiverExpired, wantStatus: finding.Fail,
			wantExpired: true, wantSuffix: " (waiver legacy expired on 2026-11-26)",
			wantWarnings: []string{"waiver legacy expired on 2026-11-26: the failures it covered count again"}},
		{name: "dates are UTC days whatever the clock's zone", expires: "2026-11-27", now: time.Date(2026, 11, 27, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), result: finding.Fail,
			wantValidity: ValidityExpired, wantUse: UseMatched, wantState: WaiverExpired, wantStatus: finding.Fail,
			wantExpired: true, wantSuffix: " (waiver legacy expired on 2026-11-27)",
			wantWarnings: []string{"waiver legacy expired on 2026-11-27: the failures it covered count again"}},
		{name: "expired and stale", expires: "2026-06-30",
			wantValidity: ValidityExpired, wantUse: UseStale, wantState: WaiverStale,
			wantWarnings: []string{"waiver legacy matches no result of control GH-REPO-001: remove it or fix its resources"}},
		{name: "too long and matched", expires: "2028-06-30", result: finding.Fail,
			wantValidity: ValidityTooLong, wantUse: UseMatched, wantState: WaiverTooLong, wantStatus: finding.Fail,
			wantSuffix:   " (waiver legacy not applied: it expires on 2028-06-30, more than 365 days ahead)",
			wantWarnings: []string{"waiver legacy expires on 2028-06-30, more than 365 days ahead (limit 2027-11-27): it is not applied until its expiry is shortened"}},
		{name: "too long and stale", expires: "2028-06-30",
			wantValidity: ValidityTooLong, wantUse: UseStale, wantState: WaiverStale,
			wantWarnings: []string{
				"waiver legacy matches no result of control GH-REPO-001: remove it or fix its resources",
				"waiver legacy expires on 2028-06-30, more than 365 days ahead (limit 2027-11-27): it is not applied until its expiry is shortened",
			}},
		{name: "exactly at the limit is not too long", expires: "2027-11-27", result: finding.Fail,
			wantValidity: ValidityActive, wantUse: UseMatched, wantState: WaiverActive, wantStatus: finding.Waived},
		{name: "too long under a short limit, though expiring", expires: "2026-12-20", maxDays: 10, result: finding.Fail,
			wantValidity: ValidityTooLong, wantUse: UseMatched, wantState: WaiverTooLong, wantStatus: finding.Fail,
			wantSuffix:   " (waiver legacy not applied: it expires on 2026-12-20, more than 10 days ahead)",
			wantWarnings: []string{"waiver legacy expires on 2026-12-20, more than 10 days ahead (limit 2026-12-07): it is not applied until its expiry is shortened"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			now := tc.now
			if now.IsZero() {
				now = runNow
			}
			in := []finding.Finding{
				{ControlID: "GH-REPO-001", Status: finding.Fail, Message: "m", Resource: &finding.ResourceRef{ID: "github.com/acme/shop"}},
				{ControlID: "GH-REPO-002", Status: finding.Fail, Message: "m", Resource: &finding.ResourceRef{ID: "github.com/acme/legacy-billing"}},
			}
			if tc.result != "" {
				in = append(in, finding.Finding{ControlID: "GH-REPO-001", Status: tc.result, Message: "m", Resource: &finding.ResourceRef{ID: "github.com/acme/legacy-billing"}})
			}
			out, statuses := Apply(in, oneWaiver(t, tc.expires, tc.maxDays), now)

			require.Len(t, statuses, 1)
			s := statuses[0]
			assert.Equal(t, tc.wantValidity, s.Validity, "validity")
			assert.Equal(t, tc.wantUse, s.Use, "use")
			assert.Equal(t, tc.wantState, s.State, "state")
			assert.Equal(t, tc.expires, s.ExpiresOn.Format(time.DateOnly), "the expiry travels as a date")
			assert.Equal(t, tc.wantWarnings, Warnings(statuses))

			assert.Equal(t, finding.Fail, out[0].Status, "a waiver covers only the resources it names")
			assert.Equal(t, finding.Fail, out[1].Status, "a waiver covers only its control")
			if tc.result == "" {
				assert.Zero(t, s.Matched)
				assert.Zero(t, s.Waived)
				return
			}
			got := out[2]
			assert.Equal(t, 1, s.Matched)
			assert.Equal(t, tc.wantStatus, got.Status)
			assert.Equal(t, "m"+tc.wantSuffix, got.Message)
			if tc.wantStatus == finding.Waived {
				assert.Equal(t, "legacy", got.Waiver)
				assert.Equal(t, 1, s.Waived)
			} else {
				assert.Empty(t, got.Waiver)
				assert.Zero(t, s.Waived)
			}
			if tc.wantExpired {
				assert.Equal(t, "legacy", got.WaiverExpired)
			} else {
				assert.Empty(t, got.WaiverExpired)
			}
			assert.Same(t, &in[2], &out[2], "Apply links in place")
		})
	}
}

// TestWaiverNotAppliedTriesTheNext: a waiver that may not apply (too long,
// expired) does not stop a valid one that matches the same failure, and
// every matching waiver counts the match.
func TestWaiverNotAppliedTriesTheNext(t *testing.T) {
	t.Parallel()
	ws := oneWaiver(t, "2028-06-30", 0)
	ws.Waivers = append(ws.Waivers,
		&model.Waiver{ID: "old", Control: "GH-REPO-001", Resources: []string{"github.com/acme/*"}, Expires: "2026-06-30", ExpiresOn: day(t, "2026-06-30")},
		&model.Waiver{ID: "ok", Control: "GH-REPO-001", Resources: []string{"github.com/acme/legacy-billing"}, Expires: "2027-06-30", ExpiresOn: day(t, "2027-06-30")})
	in := []finding.Finding{{ControlID: "GH-REPO-001", Status: finding.Fail, Message: "m", Resource: &finding.ResourceRef{ID: "github.com/acme/legacy-billing"}}}
	out, statuses := Apply(in, ws, runNow)
	require.Len(t, out, 1)
	assert.Equal(t, finding.Waived, out[0].Status)
	assert.Equal(t, "ok", out[0].Waiver)
	assert.Equal(t, "old", out[0].WaiverExpired)
	assert.Equal(t, "m (waiver legacy not applied: it expires on 2028-06-30, more than 365 days ahead) (waiver old expired on 2026-06-30)", out[0].Message)
	var states []WaiverState
	for _, s := range statuses {
		assert.Equal(t, 1, s.Matched, s.ID)
		states = append(states, s.State)
	}
	assert.Equal(t, []WaiverState{WaiverTooLong, WaiverExpired, WaiverActive}, states)
	assert.Equal(t, []int{0, 0, 1}, []int{statuses[0].Waived, statuses[1].Waived, statuses[2].Waived})
}

// TestReview: validity alone, for waivers not matched against results.
func TestReview(t *testing.T) {
	t.Parallel()
	ws := oneWaiver(t, "2026-11-26", 0)
	ws.Waivers = append(ws.Waivers, &model.Waiver{ID: "far", Control: "C", Expires: "2028-01-01", ExpiresOn: day(t, "2028-01-01")})
	got := Review(ws, runNow)
	require.Len(t, got, 2)
	assert.Equal(t, ValidityExpired, got[0].Validity)
	assert.Equal(t, ValidityTooLong, got[1].Validity)
	for _, s := range got {
		assert.Equal(t, UseNotApplied, s.Use, "nothing was matched")
		assert.Equal(t, WaiverState(s.Validity), s.State, "a waiver not applied is never stale")
		assert.Equal(t, 365, s.MaxDays)
		assert.Equal(t, "2027-11-27", s.Latest.Format(time.DateOnly))
	}
	assert.Equal(t, []string{
		"waiver legacy expired on 2026-11-26: the failures it covered count again",
		"waiver far expires on 2028-01-01, more than 365 days ahead (limit 2027-11-27): it is not applied until its expiry is shortened",
	}, Warnings(got))
	assert.NotNil(t, Review(&model.Workspace{}, runNow), "no waivers is an empty list, [] in JSON")
}

// TestWaiverWarningsOrder: the term warnings follow the others, as the
// reports have always listed them.
func TestWaiverWarningsOrder(t *testing.T) {
	t.Parallel()
	got := Warnings([]WaiverStatus{
		{ID: "long", Control: "C", State: WaiverTooLong, Validity: ValidityTooLong, Use: UseMatched, Expires: "2029-01-01", MaxDays: 365, Latest: day(t, "2027-11-27")},
		{ID: "gone", Control: "C", State: WaiverExpired, Validity: ValidityExpired, Use: UseMatched, Expires: "2026-01-01"},
		{ID: "fine", Control: "C", State: WaiverActive, Validity: ValidityActive, Use: UseMatched, Expires: "2027-01-01"},
	})
	assert.Equal(t, []string{
		"waiver gone expired on 2026-01-01: the failures it covered count again",
		"waiver long expires on 2029-01-01, more than 365 days ahead (limit 2027-11-27): it is not applied until its expiry is shortened",
	}, got)
}

// TestValidityApplies: only active and expiring waive; anything else,
// including a validity nobody decided, does not (fail closed).
func TestValidityApplies(t *testing.T) {
	t.Parallel()
	for v, want := range map[Validity]bool{ValidityActive: true, ValidityExpiring: true, ValidityExpired: false, ValidityTooLong: false, "": false, "bogus": false} {
		assert.Equal(t, want, v.Applies(), "%q", v)
	}
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := model.ParseDate(s)
	require.NoError(t, err)
	return d
}

// TestPartialEvidence: in a run that saw part of the estate (the gate's
// Terraform) a waiver matching nothing is not stale; its validity stands,
// and a waiver that matched keeps its use.
func TestPartialEvidence(t *testing.T) {
	t.Parallel()
	statuses := []WaiverStatus{
		{ID: "live-only", Validity: ValidityExpired, Use: UseStale, State: WaiverStale},
		{ID: "used", Validity: ValidityActive, Use: UseMatched, State: WaiverActive},
	}
	PartialEvidence(statuses)
	require.Equal(t, UseNotApplied, statuses[0].Use)
	require.Equal(t, WaiverExpired, statuses[0].State, "the state is the validity once the use is undecided")
	require.Equal(t, ValidityExpired, statuses[0].Validity)
	require.Equal(t, UseMatched, statuses[1].Use)
	require.Empty(t, Warnings(statuses[1:]))
	require.NotContains(t, strings.Join(Warnings(statuses), "\n"), "matches no result")
}
