package governance

import (
	"fmt"
	"slices"
	"time"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/model"
)

// WaiverTooLong is the state of a waiver that expires further ahead than the
// workspace's waiver_max_days allows. Such a waiver is not honoured: the
// failures it would cover count as failures, because accepting a risk for
// longer than the organisation allows is a decision nobody was entitled to make.
const WaiverTooLong link.WaiverState = "too_long"

// reviewWaivers applies the waiver rules link does not know about (the
// maximum term) and returns the findings (copied only when one changes) and
// new statuses; the input is not changed.
// Expired, expiring and stale waivers are already reported by link and the
// pipeline, so only the maximum term adds warnings here.
func reviewWaivers(fs []finding.Finding, statuses []link.WaiverStatus, ws *model.Workspace, now time.Time) ([]finding.Finding, []link.WaiverStatus, []string) {
	// Findings are copied only when a waiver is too long: a large run has
	// tens of thousands and usually nothing to change, and a second copy of
	// all of them was the largest allocation of the governance stage.
	outF := fs
	outW := slices.Clone(statuses)
	if outF == nil {
		outF = []finding.Finding{}
	}
	if outW == nil {
		outW = []link.WaiverStatus{}
	}
	maxDays := ws.Settings.WaiverMaxDays
	if maxDays <= 0 {
		maxDays = model.DefaultWaiverMaxDays
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	limit := today.AddDate(0, 0, maxDays)
	tooLong := map[string]*model.Waiver{}
	for _, w := range ws.Waivers {
		if w.ExpiresOn.After(limit) {
			tooLong[w.ID] = w
		}
	}
	var warnings []string
	for i := range outW {
		w, ok := tooLong[outW[i].ID]
		if !ok {
			continue
		}
		warnings = append(warnings, fmt.Sprintf("waiver %s expires on %s, more than %d days ahead (limit %s): it is not applied until its expiry is shortened",
			w.ID, w.Expires, maxDays, dateString(limit)))
		if outW[i].State != link.WaiverStale {
			outW[i].State = WaiverTooLong
		}
		outW[i].Waived = 0
	}
	copied := false
	for i := range outF {
		if outF[i].Status != finding.Waived {
			continue
		}
		if w, ok := tooLong[outF[i].Waiver]; ok {
			if !copied {
				outF, copied = slices.Clone(outF), true
			}
			f := &outF[i]
			f.Status, f.Waiver = finding.Fail, ""
			f.Message += fmt.Sprintf(" (waiver %s not applied: it expires on %s, more than %d days ahead)", w.ID, w.Expires, maxDays)
		}
	}
	return outF, outW, warnings
}
