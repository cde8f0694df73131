package history

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
)

// Trends are the stored runs read together.
type Trends struct {
	Runs []RunRef `json:"runs"`
	// Controls and Systems: time to resolve and age of open failures.
	Controls []Resolution `json:"controls"`
	Systems  []Resolution `json:"systems"`
	// Risks: each risk's scores run by run.
	Risks []RiskTrend `json:"risks"`
	// Frameworks: each reference's pass rate run by run.
	Frameworks []ReferenceTrend `json:"frameworks"`
}

// Resolution is how fast the failures of a control (or a system) go away.
// A failure opens at the first run it fails in and is resolved at the
// first later run it passes in, or in which its resource is gone from a
// scope that run collected. A run that could not check it (not collected,
// not evaluated, error) neither opens nor resolves it; a waived failure
// stays open (a waiver accepts it, it does not fix it).
type Resolution struct {
	Key      string `json:"key"` // the control ID or the system ID ("" unclaimed)
	Resolved int    `json:"resolved"`
	// MTTRHours is the mean time to resolve, from the run it first failed
	// in to the run it was resolved in; 0 when none was resolved.
	MTTRHours float64 `json:"mttr_hours"`
	Open      int     `json:"open"`
	// OldestOpenHours and MeanOpenHours age the open failures at the last run.
	OldestOpenHours float64 `json:"oldest_open_hours"`
	MeanOpenHours   float64 `json:"mean_open_hours"`
}

// RiskPoint is a risk's scores in one run.
type RiskPoint struct {
	Run      store.RunID `json:"run"`
	Inherent int         `json:"inherent"`
	Residual int         `json:"residual"`
	Appetite string      `json:"appetite_status"`
}

// RiskTrend is one risk over the runs that scored it.
type RiskTrend struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Points []RiskPoint `json:"points"`
}

// RatePoint is a framework reference's results in one run: PassRate is
// passing results over all results that were judged or could not be
// (pass + fail + error + not_evaluated; waived are left out), nil when
// there were none.
type RatePoint struct {
	Run      store.RunID `json:"run"`
	Status   string      `json:"status"`
	PassRate *float64    `json:"pass_rate"`
}

// ReferenceTrend is one framework reference over the runs that viewed it.
type ReferenceTrend struct {
	Framework string      `json:"framework"`
	Ref       string      `json:"ref"`
	Points    []RatePoint `json:"points"`
}

type episode struct {
	control, system string
	opened          time.Time
}

// trendRun is one run as the trends walk it: from a decoded report
// (ComputeTrends) or from the store's rows (TrendsFromRows), so that what
// "open", "resolved" and "pass rate" mean is written once, here.
type trendRun struct {
	ref     RunRef
	id      store.RunID
	started time.Time
	// results by fingerprint; from rows, only the fingerprints that fail
	// somewhere in the window (no episode is about any other).
	results map[string]finding.Finding
	risks   []store.RiskScore
	refs    []store.ReferenceResult
	// coverage is the run as newCoverage reads it (content hashes, scopes,
	// gaps, evidence incomplete), built only when a failure's resource
	// may be gone.
	coverage func() (*store.Recorded, error)
}

// ComputeTrends reads Complete runs, oldest first, from their reports.
func ComputeTrends(runs []*store.Recorded) *Trends {
	in := make([]trendRun, 0, len(runs))
	for _, r := range runs {
		if r.Report == nil {
			continue
		}
		tr := trendRun{ref: ref(r), id: r.ID, started: r.StartedAt, results: byFingerprint(r),
			coverage: func() (*store.Recorded, error) { return r, nil }}
		tr.risks = make([]store.RiskScore, 0, len(r.Report.Risks))
		for _, k := range r.Report.Risks {
			tr.risks = append(tr.risks, store.RiskScore{ID: k.ID, Title: k.Title, Inherent: k.Inherent, Residual: k.Residual, Appetite: string(k.AppetiteStatus)})
		}
		tr.refs = store.ReferenceResults(r.Report)
		in = append(in, tr)
	}
	// A decoded run is its own coverage: walkTrends has nothing to load,
	// so it has no error to return here.
	t, _ := walkTrends(in)
	return t
}

// EvidenceMaps loads a run's content hashes and scopes (store.EvidenceMap).
type EvidenceMaps func(ctx context.Context, id store.RunID) (map[string]string, map[string]evidence.Scope, error)

// TrendsFromRows computes the same Trends as ComputeTrends from the
// store's rows (store.Trends): the failing fingerprints' results, gaps,
// risk scores and framework references. A run's evidence map is loaded
// only when one of its predecessor's open failures has no result in it
// (was the resource deleted, or not looked for?), once per run.
func TrendsFromRows(ctx context.Context, data *store.TrendData, maps EvidenceMaps) (*Trends, error) {
	in := make([]trendRun, 0, len(data.Runs))
	for i := range data.Runs {
		r := &data.Runs[i]
		tr := trendRun{ref: RunRef{ID: r.ID, StartedAt: r.StartedAt.UTC().Format("2006-01-02T15:04:05Z"), Catalog: r.CatalogVersion},
			id: r.ID, started: r.StartedAt, results: make(map[string]finding.Finding, len(r.Results)), risks: r.Risks, refs: r.References}
		for _, res := range r.Results {
			tr.results[res.Fingerprint] = finding.Finding{Fingerprint: res.Fingerprint, ControlID: res.ControlID, Status: res.Status,
				Resource: &finding.ResourceRef{Type: res.ResourceType, ID: res.ResourceID, System: res.System}}
		}
		var loaded *store.Recorded
		tr.coverage = func() (*store.Recorded, error) {
			if loaded != nil {
				return loaded, nil
			}
			hashes, scopes, err := maps(ctx, r.ID)
			if err != nil {
				return nil, err
			}
			loaded = &store.Recorded{Run: r.Run, ContentHash: hashes, Scopes: scopes,
				Report: &report.Report{Evidence: report.EvidenceInfo{NotCollected: r.Gaps, Incomplete: r.EvidenceIncomplete}}}
			return loaded, nil
		}
		in = append(in, tr)
	}
	return walkTrends(in)
}

func walkTrends(runs []trendRun) (*Trends, error) {
	t := &Trends{Runs: []RunRef{}, Controls: []Resolution{}, Systems: []Resolution{}, Risks: []RiskTrend{}, Frameworks: []ReferenceTrend{}}
	open := map[string]*episode{} // by fingerprint
	var resolvedCtl, resolvedSys = map[string][]float64{}, map[string][]float64{}
	risks := map[string]*RiskTrend{}
	refs := map[[2]string]*ReferenceTrend{}
	var prev *trendRun
	for i := range runs {
		r := &runs[i]
		t.Runs = append(t.Runs, r.ref)
		now := r.results
		resolve := func(fp string) {
			ep := open[fp]
			h := r.started.Sub(ep.opened).Hours()
			resolvedCtl[ep.control] = append(resolvedCtl[ep.control], h)
			resolvedSys[ep.system] = append(resolvedSys[ep.system], h)
			delete(open, fp)
		}
		var cov *coverage
		for _, fp := range sortedKeys(open) {
			f, ok := now[fp]
			switch {
			case ok && f.Status == finding.Pass:
				resolve(fp)
			case !ok && prev != nil:
				was, had := prev.results[fp]
				if !had {
					continue
				}
				if cov == nil {
					from, err := prev.coverage()
					if err != nil {
						return nil, fmt.Errorf("trends: run %d: %w", prev.id, err)
					}
					to, err := r.coverage()
					if err != nil {
						return nil, fmt.Errorf("trends: run %d: %w", r.id, err)
					}
					cov = newCoverage(from, to)
				}
				if gone, _ := cov.gone(was); gone {
					resolve(fp)
				}
			}
		}
		for fp, f := range now {
			if f.Status == finding.Fail && open[fp] == nil {
				open[fp] = &episode{control: f.ControlID, system: f.Resource.System, opened: r.started}
			}
		}
		for _, k := range r.risks {
			rt := risks[k.ID]
			if rt == nil {
				rt = &RiskTrend{ID: k.ID, Title: k.Title}
				risks[k.ID] = rt
			}
			rt.Points = append(rt.Points, RiskPoint{Run: r.id, Inherent: k.Inherent, Residual: k.Residual, Appetite: k.Appetite})
		}
		for _, rf := range r.refs {
			key := [2]string{rf.Framework, rf.Ref}
			rt := refs[key]
			if rt == nil {
				rt = &ReferenceTrend{Framework: rf.Framework, Ref: rf.Ref}
				refs[key] = rt
			}
			p := RatePoint{Run: r.id, Status: rf.Status}
			if rf.Judged > 0 {
				rate := float64(rf.Passed) / float64(rf.Judged)
				p.PassRate = &rate
			}
			rt.Points = append(rt.Points, p)
		}
		prev = r
	}
	var last time.Time
	if prev != nil {
		last = prev.started
	}
	openCtl, openSys := map[string][]float64{}, map[string][]float64{}
	for _, fp := range sortedKeys(open) {
		ep := open[fp]
		age := last.Sub(ep.opened).Hours()
		openCtl[ep.control] = append(openCtl[ep.control], age)
		openSys[ep.system] = append(openSys[ep.system], age)
	}
	t.Controls = resolutions(resolvedCtl, openCtl)
	t.Systems = resolutions(resolvedSys, openSys)
	for _, rt := range risks {
		t.Risks = append(t.Risks, *rt)
	}
	sort.Slice(t.Risks, func(i, j int) bool { return t.Risks[i].ID < t.Risks[j].ID })
	for _, rt := range refs {
		t.Frameworks = append(t.Frameworks, *rt)
	}
	sort.Slice(t.Frameworks, func(i, j int) bool {
		a, b := t.Frameworks[i], t.Frameworks[j]
		if a.Framework != b.Framework {
			return a.Framework < b.Framework
		}
		return a.Ref < b.Ref
	})
	return t, nil
}

// sortedKeys orders the open failures, so the sums of their hours (and so
// the means) are the same float64s however the maps iterate.
func sortedKeys(m map[string]*episode) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func resolutions(resolved, open map[string][]float64) []Resolution {
	keys := map[string]bool{}
	for k := range resolved {
		keys[k] = true
	}
	for k := range open {
		keys[k] = true
	}
	out := make([]Resolution, 0, len(keys))
	for k := range keys {
		r := Resolution{Key: k, Resolved: len(resolved[k]), MTTRHours: mean(resolved[k]), Open: len(open[k]), MeanOpenHours: mean(open[k])}
		for _, a := range open[k] {
			r.OldestOpenHours = max(r.OldestOpenHours, a)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
