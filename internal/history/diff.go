// Package history reads the run store's runs: what changed between two
// runs (Compute) and how findings, risks and frameworks move over many
// (ComputeTrends). It is pure — runs in, values out, no SQL — so the CLI
// (`rampart runs diff|trends`), the server's dashboard and its
// notifications share one meaning of "new", "resolved" and "lost".
//
// A finding is the same finding across runs by its fingerprint. A failure
// is resolved only when the later run looked and saw it pass, or looked
// where its resource was and found it gone; a failure the later run could
// not check (not collected, not evaluated, no longer evaluated) is never
// resolved: it is reported under coverage lost.
package history

import (
	"sort"
	"strings"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/link"
	"github.com/rampart-audit/rampart/internal/store"
)

// RunRef names a run of a diff.
type RunRef struct {
	ID        store.RunID `json:"id"`
	StartedAt string      `json:"started_at"`
	Catalog   string      `json:"catalog_version"`
}

// Change is one fingerprint's result in the two runs.
type Change struct {
	Fingerprint  string           `json:"fingerprint"`
	ControlID    string           `json:"control_id"`
	Severity     finding.Severity `json:"severity"`
	ResourceType string           `json:"resource_type"`
	ResourceID   string           `json:"resource_id"`
	System       string           `json:"system,omitempty"`
	// From and To are the statuses; "" where the run has no result.
	From    finding.Status `json:"from"`
	To      finding.Status `json:"to"`
	Message string         `json:"message"`
	// Note says why a change is classed as it is when the statuses alone
	// do not ("the resource no longer exists", "not collected: …").
	Note string `json:"note,omitempty"`
}

// WaiverChange is a waiver that started or ended between the runs.
type WaiverChange struct {
	ID      string           `json:"id"`
	Control string           `json:"control"`
	Expires string           `json:"expires"`
	From    link.WaiverState `json:"from"`
	To      link.WaiverState `json:"to"`
}

// RiskCrossing is a risk whose residual score crossed the appetite.
type RiskCrossing struct {
	ID           string                    `json:"id"`
	Title        string                    `json:"title"`
	FromResidual int                       `json:"from_residual"`
	ToResidual   int                       `json:"to_residual"`
	Appetite     float64                   `json:"appetite"`
	From         governance.AppetiteStatus `json:"from"`
	To           governance.AppetiteStatus `json:"to"`
}

// CoverageLoss is a part of the estate the earlier run saw and the later
// one did not: a resource type in a scope.
type CoverageLoss struct {
	ResourceType string `json:"resource_type"`
	Scope        string `json:"scope"`
	Reason       string `json:"reason"`
}

// Diff is what changed from one run to the next.
type Diff struct {
	From RunRef `json:"from"`
	To   RunRef `json:"to"`
	// CatalogChanged: the controls that judged the runs differ, so some
	// changes may be the controls' rather than the estate's.
	CatalogChanged bool `json:"catalog_changed"`

	NewFailures  []Change `json:"new_failures"`
	Regressed    []Change `json:"regressed"`
	StillFailing []Change `json:"still_failing"`
	Resolved     []Change `json:"resolved"`
	// NowWaived are failures a waiver covers now: not resolved.
	NowWaived []Change `json:"now_waived"`
	// Unverified are the earlier run's failures the later run could not
	// check; their scopes are in CoverageLost.
	Unverified   []Change       `json:"unverified"`
	CoverageLost []CoverageLoss `json:"coverage_lost"`

	WaiversStarted []WaiverChange `json:"waivers_started"`
	WaiversEnded   []WaiverChange `json:"waivers_ended"`
	RiskCrossings  []RiskCrossing `json:"risk_crossings"`
}

// Empty reports whether nothing a person should look at changed.
func (d *Diff) Empty() bool {
	return len(d.NewFailures)+len(d.Regressed)+len(d.Resolved)+len(d.NowWaived)+len(d.Unverified)+
		len(d.CoverageLost)+len(d.WaiversStarted)+len(d.WaiversEnded)+len(d.RiskCrossings) == 0
}

func ref(r *store.Recorded) RunRef {
	return RunRef{ID: r.ID, StartedAt: r.StartedAt.UTC().Format("2006-01-02T15:04:05Z"), Catalog: r.CatalogVersion}
}

// Compute compares two Complete runs, from the earlier to the later.
func Compute(from, to *store.Recorded) *Diff {
	d := &Diff{From: ref(from), To: ref(to), CatalogChanged: from.CatalogVersion != to.CatalogVersion,
		NewFailures: []Change{}, Regressed: []Change{}, StillFailing: []Change{}, Resolved: []Change{},
		NowWaived: []Change{}, Unverified: []Change{}, CoverageLost: []CoverageLoss{},
		WaiversStarted: []WaiverChange{}, WaiversEnded: []WaiverChange{}, RiskCrossings: []RiskCrossing{}}
	before := byFingerprint(from)
	after := byFingerprint(to)
	cov := newCoverage(from, to)
	for fp, now := range after {
		was, had := before[fp]
		if now.Status != finding.Fail {
			continue
		}
		c := change(now, was, had)
		switch {
		case !had:
			d.NewFailures = append(d.NewFailures, c)
		case was.Status == finding.Fail:
			d.StillFailing = append(d.StillFailing, c)
		default: // pass, not_evaluated, error or waived → fail
			d.Regressed = append(d.Regressed, c)
		}
	}
	for fp, was := range before {
		if was.Status != finding.Fail {
			continue
		}
		now, has := after[fp]
		c := change(was, was, true)
		switch {
		case has && now.Status == finding.Fail:
			continue // still failing, above
		case has:
			c.To, c.Message = now.Status, now.Message
			switch now.Status {
			case finding.Pass:
				d.Resolved = append(d.Resolved, c)
			case finding.Waived:
				c.Note = "waived by " + now.Waiver
				d.NowWaived = append(d.NowWaived, c)
			default: // not_evaluated, error: looked, could not tell
				c.Note = "could not be checked: " + now.Message
				d.Unverified = append(d.Unverified, c)
			}
		default:
			c.To, c.Message = "", ""
			if gone, why := cov.gone(was); gone {
				c.Note = why
				d.Resolved = append(d.Resolved, c)
			} else {
				c.Note = why
				d.Unverified = append(d.Unverified, c)
			}
		}
	}
	d.CoverageLost = cov.lost()
	d.WaiversStarted, d.WaiversEnded = waiverChanges(from, to)
	d.RiskCrossings = riskCrossings(from, to)
	for _, list := range [][]Change{d.NewFailures, d.Regressed, d.StillFailing, d.Resolved, d.NowWaived, d.Unverified} {
		sortChanges(list)
	}
	return d
}

func byFingerprint(r *store.Recorded) map[string]finding.Finding {
	out := map[string]finding.Finding{}
	if r.Report == nil {
		return out
	}
	for _, f := range r.Report.Findings {
		out[f.Fingerprint] = f
	}
	return out
}

// change describes f (the later result, or the earlier one for a
// failure that is gone) with was as its earlier status.
func change(f, was finding.Finding, had bool) Change {
	c := Change{Fingerprint: f.Fingerprint, ControlID: f.ControlID, Severity: f.Severity,
		ResourceType: f.Resource.Type, ResourceID: f.Resource.ID, System: f.Resource.System, To: f.Status, Message: f.Message}
	if had {
		c.From = was.Status
	}
	return c
}

// sortChanges orders by severity (most severe first), control, resource.
func sortChanges(cs []Change) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		if a.ControlID != b.ControlID {
			return a.ControlID < b.ControlID
		}
		if a.ResourceType != b.ResourceType {
			return a.ResourceType < b.ResourceType
		}
		return a.ResourceID < b.ResourceID
	})
}

func waiverChanges(from, to *store.Recorded) (started, ended []WaiverChange) {
	started, ended = []WaiverChange{}, []WaiverChange{}
	was := map[string]link.WaiverStatus{}
	if from.Report != nil {
		for _, w := range from.Report.Waivers {
			was[w.ID] = w
		}
	}
	is := map[string]bool{}
	if to.Report != nil {
		for _, w := range to.Report.Waivers {
			is[w.ID] = true
			prev, had := was[w.ID]
			wc := WaiverChange{ID: w.ID, Control: w.Control, Expires: w.Expires, To: w.State}
			if had {
				wc.From = prev.State
			}
			switch {
			case holds(w.State) && (!had || !holds(prev.State)):
				started = append(started, wc)
			case !holds(w.State) && had && holds(prev.State):
				ended = append(ended, wc)
			}
		}
	}
	for id, w := range was {
		if !is[id] && holds(w.State) {
			ended = append(ended, WaiverChange{ID: id, Control: w.Control, Expires: w.Expires, From: w.State, To: "removed"})
		}
	}
	sort.Slice(started, func(i, j int) bool { return started[i].ID < started[j].ID })
	sort.Slice(ended, func(i, j int) bool { return ended[i].ID < ended[j].ID })
	return started, ended
}

// holds: the waiver waives what it matches.
func holds(s link.WaiverState) bool { return s == link.WaiverActive || s == link.WaiverExpiring }

func riskCrossings(from, to *store.Recorded) []RiskCrossing {
	out := []RiskCrossing{}
	if from.Report == nil || to.Report == nil {
		return out
	}
	was := map[string]governance.Risk{}
	for _, r := range from.Report.Risks {
		was[r.ID] = r
	}
	for _, r := range to.Report.Risks {
		prev, ok := was[r.ID]
		if !ok || prev.AppetiteStatus == r.AppetiteStatus {
			continue
		}
		out = append(out, RiskCrossing{ID: r.ID, Title: r.Title, FromResidual: prev.Residual, ToResidual: r.Residual,
			Appetite: to.Report.RiskAppetite, From: prev.AppetiteStatus, To: r.AppetiteStatus})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// coverage knows what each run looked at: the scopes it collected each
// resource type in, and its collection gaps.
type coverage struct {
	from, to *store.Recorded
	// seen holds, by type and scope key, a scope of a resource there.
	seenFrom, seenTo map[[2]string]evidence.Scope
	gapsTo           []evidence.NotCollected
	gapsFrom         map[string]bool
}

func newCoverage(from, to *store.Recorded) *coverage {
	c := &coverage{from: from, to: to, seenFrom: seen(from), seenTo: seen(to), gapsFrom: map[string]bool{}}
	if to.Report != nil {
		c.gapsTo = to.Report.Evidence.NotCollected
	}
	if from.Report != nil {
		for _, g := range from.Report.Evidence.NotCollected {
			c.gapsFrom[g.ResourceType+"\x00"+g.ScopeID] = true
		}
	}
	return c
}

func seen(r *store.Recorded) map[[2]string]evidence.Scope {
	out := map[[2]string]evidence.Scope{}
	for key, sc := range r.Scopes {
		typ, _, _ := strings.Cut(key, "\x00")
		out[[2]string{typ, scopeKey(sc)}] = sc
	}
	return out
}

// scopeKey names the part of the estate a collector lists at once: an
// organisation, an account's region, the Terraform tree.
func scopeKey(s evidence.Scope) string {
	switch {
	case s.Org != "":
		return s.Platform + ":" + s.Org
	case s.AccountID != "":
		return s.Platform + ":" + s.AccountID + "/" + s.Region
	}
	return s.Platform
}

// gone says whether the later run looked where an earlier failure's
// resource was and found nothing (the resource was deleted), or why it
// cannot tell.
func (c *coverage) gone(was finding.Finding) (bool, string) {
	key := store.ResourceKey(was.Resource.Type, was.Resource.ID)
	if _, ok := c.to.ContentHash[key]; ok {
		return false, "no longer evaluated: the resource is still there, the control no longer judged it"
	}
	sc, ok := c.from.Scopes[key]
	if !ok {
		return false, "no longer evaluated: the earlier run does not say where the resource was"
	}
	for _, g := range c.gapsTo {
		if g.ResourceType == was.Resource.Type && gapCovers(g.Scope, sc) {
			return false, "not collected: " + g.Reason
		}
	}
	if c.to.EvidenceIncomplete {
		return false, "the later run's evidence is incomplete: " + reasonOf(c.to)
	}
	if _, ok := c.seenTo[[2]string{was.Resource.Type, scopeKey(sc)}]; !ok {
		return false, "no longer collected: no " + was.Resource.Type + " in " + scopeKey(sc)
	}
	return true, "the resource no longer exists"
}

// lost lists the types and scopes the earlier run saw that the later did not.
func (c *coverage) lost() []CoverageLoss {
	out := []CoverageLoss{}
	for _, g := range c.gapsTo {
		if c.gapsFrom[g.ResourceType+"\x00"+g.ScopeID] {
			continue // not collected either time: not a loss
		}
		out = append(out, CoverageLoss{ResourceType: g.ResourceType, Scope: g.ScopeID, Reason: "not collected: " + g.Reason})
	}
	for k, sc := range c.seenFrom {
		if _, ok := c.seenTo[k]; ok {
			continue
		}
		explained := false // by a gap, listed above
		for _, g := range c.gapsTo {
			if g.ResourceType == k[0] && gapCovers(g.Scope, sc) {
				explained = true
			}
		}
		if !explained {
			out = append(out, CoverageLoss{ResourceType: k[0], Scope: k[1], Reason: "no longer collected: no resource of this type in this scope"})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ResourceType != out[j].ResourceType {
			return out[i].ResourceType < out[j].ResourceType
		}
		return out[i].Scope < out[j].Scope
	})
	return out
}

// gapCovers: every field a gap's scope names matches the resource's.
func gapCovers(gap, res evidence.Scope) bool {
	eq := func(g, r string) bool { return g == "" || g == r }
	return eq(gap.Platform, res.Platform) && eq(gap.Org, res.Org) && eq(gap.Repo, res.Repo) &&
		eq(gap.AccountID, res.AccountID) && eq(gap.Region, res.Region) && eq(gap.Path, res.Path)
}

func reasonOf(r *store.Recorded) string {
	if r.Report != nil && r.Report.Evidence.IncompleteReason != "" {
		return r.Report.Evidence.IncompleteReason
	}
	return "no reason recorded"
}
