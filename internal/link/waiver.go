package link

import (
	"fmt"
	"time"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/glob"
	"github.com/rampart-audit/rampart/internal/model"
)

// ExpiringWithin is how soon before expiry a waiver is reported as expiring.
const ExpiringWithin = 30 * 24 * time.Hour

// Validity is what a waiver's dates allow on the day of the run. It is
// decided from the clock and the workspace's waiver_max_days alone, before
// any result is looked at, so it is the same whether or not the waiver
// matched anything.
type Validity string

const (
	ValidityActive Validity = "active"
	// ValidityExpiring still applies; it expires within ExpiringWithin.
	ValidityExpiring Validity = "expiring"
	// ValidityExpired is past its expiry date: the failures it matches stand.
	ValidityExpired Validity = "expired"
	// ValidityTooLong expires further ahead than waiver_max_days allows. It
	// is not applied: accepting a risk for longer than the organisation
	// allows is a decision nobody was entitled to make.
	ValidityTooLong Validity = "too_long"
)

// Applies reports whether a waiver of this validity may turn a failure into
// waived. Anything but active or expiring — an unknown value included — may not.
func (v Validity) Applies() bool { return v == ValidityActive || v == ValidityExpiring }

// Use is whether a waiver matched any result of the run, whatever its validity.
type Use string

const (
	// UseNotApplied: the waiver was decided (Review) but not matched against
	// results — the pull request's own waivers in a gate run that trusts
	// the base branch's workspace.
	UseNotApplied Use = ""
	UseMatched    Use = "matched"
	// UseStale means the waiver matched no result: it waives nothing and should be removed.
	UseStale Use = "stale"
)

// WaiverState is the one word reports show for a waiver: stale when it
// matched nothing, otherwise its validity. It is derived from Validity and
// Use; decisions are taken on those two, never on the state.
type WaiverState string

const (
	WaiverActive   = WaiverState(ValidityActive)
	WaiverExpiring = WaiverState(ValidityExpiring)
	WaiverExpired  = WaiverState(ValidityExpired)
	WaiverTooLong  = WaiverState(ValidityTooLong)
	WaiverStale    = WaiverState(UseStale)
)

func state(v Validity, u Use) WaiverState {
	if u == UseStale {
		return WaiverStale
	}
	return WaiverState(v)
}

// WaiverStatus reports a waiver's decisions and the findings it applied to.
// The JSON form is the report's contract (docs/report-schema.md): the
// decisions themselves travel in memory only, behind State.
type WaiverStatus struct {
	ID         string      `json:"id"`
	Control    string      `json:"control"`
	State      WaiverState `json:"state"`
	Expires    string      `json:"expires"`
	ApprovedBy string      `json:"approved_by"`
	Reason     string      `json:"reason"`
	Risk       string      `json:"risk,omitempty"`
	// Matched counts the results the waiver's patterns matched (any status).
	Matched int `json:"matched"`
	// Waived counts the failures it turned into waived.
	Waived int `json:"waived"`

	Validity Validity `json:"-"`
	Use      Use      `json:"-"`
	// ExpiresOn is the expiry as a date (UTC midnight); the waiver holds
	// through the whole of that UTC day. Expires is the same date as written.
	ExpiresOn time.Time `json:"-"`
	// MaxDays is the waiver_max_days the run applied and Latest the latest
	// expiry date it allowed on the run's day.
	MaxDays int       `json:"-"`
	Latest  time.Time `json:"-"`
}

// Review decides the validity of every waiver of ws as of now, without
// matching any result (Use is UseNotApplied). Apply starts from it; the gate
// uses it alone for the waivers of a workspace it does not apply.
func Review(ws *model.Workspace, now time.Time) []WaiverStatus {
	maxDays := ws.Settings.WaiverMaxDays
	if maxDays <= 0 {
		// The workspace validator fills the default; a workspace built in
		// code may not have, and no limit at all would fail open.
		maxDays = model.DefaultWaiverMaxDays
	}
	today := utcDay(now)
	latest := today.AddDate(0, 0, maxDays)
	out := make([]WaiverStatus, len(ws.Waivers))
	for i, w := range ws.Waivers {
		v := validity(utcDay(w.ExpiresOn), now, latest)
		out[i] = WaiverStatus{
			ID: w.ID, Control: w.Control, State: state(v, UseNotApplied), Expires: w.Expires,
			ApprovedBy: w.ApprovedBy, Reason: w.Reason, Risk: w.Risk,
			Validity: v, ExpiresOn: w.ExpiresOn, MaxDays: maxDays, Latest: latest,
		}
	}
	return out
}

// validity: a waiver is valid through the whole of its expiry date; one
// expiring after latest is too long however near that is.
func validity(expires, now, latest time.Time) Validity {
	end := expires.AddDate(0, 0, 1)
	switch {
	case !now.Before(end):
		return ValidityExpired
	case expires.After(latest):
		return ValidityTooLong
	case end.Sub(now) <= ExpiringWithin:
		return ValidityExpiring
	default:
		return ValidityActive
	}
}

// utcDay is the UTC calendar day of t, as midnight UTC: every waiver date
// is compared in UTC, whatever zone the clock of the run is in.
func utcDay(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// waivers applies the reviewed waivers to findings one at a time.
type waivers struct {
	statuses []WaiverStatus
	patterns [][]glob.Pattern
}

func newWaivers(ws *model.Workspace, now time.Time) *waivers {
	wv := &waivers{statuses: Review(ws, now), patterns: make([][]glob.Pattern, len(ws.Waivers))}
	for i, w := range ws.Waivers {
		for _, r := range w.Resources {
			wv.patterns[i] = append(wv.patterns[i], glob.Compile(r))
		}
	}
	return wv
}

// apply counts every waiver matching f and lets the first one that may
// waive turn a failure into waived. A waiver that may not (expired, too
// long) leaves the failure standing and says so in its message, and the
// next matching waiver is tried. Only a fail is ever waived: an error or a
// not_evaluated result is not a risk anyone accepted.
func (wv *waivers) apply(f *finding.Finding) {
	for i := range wv.statuses {
		s := &wv.statuses[i]
		if s.Control != f.ControlID || !matchesAny(wv.patterns[i], f.Resource.ID) {
			continue
		}
		s.Matched++
		if f.Status != finding.Fail {
			continue
		}
		if !s.Validity.Applies() {
			f.Message += notApplied(s)
			if s.Validity == ValidityExpired {
				f.WaiverExpired = s.ID
			}
			continue
		}
		f.Status, f.Waiver = finding.Waived, s.ID
		s.Waived++
		return
	}
}

func notApplied(s *WaiverStatus) string {
	switch s.Validity {
	case ValidityExpired:
		return fmt.Sprintf(" (waiver %s expired on %s)", s.ID, s.Expires)
	case ValidityTooLong:
		return fmt.Sprintf(" (waiver %s not applied: it expires on %s, more than %d days ahead)", s.ID, s.Expires, s.MaxDays)
	}
	return fmt.Sprintf(" (waiver %s not applied: its validity %q is unknown)", s.ID, s.Validity)
}

// done decides every waiver's use once all findings were seen.
func (wv *waivers) done() []WaiverStatus {
	for i := range wv.statuses {
		s := &wv.statuses[i]
		s.Use = UseMatched
		if s.Matched == 0 {
			s.Use = UseStale
		}
		s.State = state(s.Validity, s.Use)
	}
	return wv.statuses
}

// PartialEvidence re-decides the use of statuses for a run that saw only
// part of the estate — the gate's Terraform: a waiver that matched nothing
// there may be about resources only live evidence has (a repository's
// settings, an IAM user created by hand), so it is not stale; its use is
// left undecided (UseNotApplied) and its state is its validity. The
// scheduled audit, which sees everything, still calls it stale.
func PartialEvidence(statuses []WaiverStatus) {
	for i := range statuses {
		s := &statuses[i]
		if s.Use == UseStale {
			s.Use = UseNotApplied
			s.State = state(s.Validity, s.Use)
		}
	}
}

// Warnings are the run's warnings about waivers, in one place for every
// command: expired, expiring or stale by the state reports show, then every
// waiver over the maximum term (stale or not, as the term is the
// organisation's rule, not the run's).
func Warnings(statuses []WaiverStatus) []string {
	var out, terms []string
	for _, w := range statuses {
		switch w.State {
		case WaiverExpired:
			out = append(out, fmt.Sprintf("waiver %s expired on %s: the failures it covered count again", w.ID, w.Expires))
		case WaiverExpiring:
			out = append(out, fmt.Sprintf("waiver %s expires on %s (within 30 days)", w.ID, w.Expires))
		case WaiverStale:
			out = append(out, fmt.Sprintf("waiver %s matches no result of control %s: remove it or fix its resources", w.ID, w.Control))
		}
		if w.Validity == ValidityTooLong {
			terms = append(terms, fmt.Sprintf("waiver %s expires on %s, more than %d days ahead (limit %s): it is not applied until its expiry is shortened",
				w.ID, w.Expires, w.MaxDays, w.Latest.Format(time.DateOnly)))
		}
	}
	return append(out, terms...)
}

func matchesAny(ps []glob.Pattern, s string) bool {
	for _, p := range ps {
		if p.Match(s) {
			return true
		}
	}
	return false
}
