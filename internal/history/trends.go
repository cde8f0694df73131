package history

import (
	"sort"
	"time"

	"github.com/rampart-audit/rampart/internal/finding"
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

// ComputeTrends reads Complete runs, oldest first.
func ComputeTrends(runs []*store.Recorded) *Trends {
	t := &Trends{Runs: []RunRef{}, Controls: []Resolution{}, Systems: []Resolution{}, Risks: []RiskTrend{}, Frameworks: []ReferenceTrend{}}
	open := map[string]*episode{} // by fingerprint
	var resolvedCtl, resolvedSys = map[string][]float64{}, map[string][]float64{}
	risks := map[string]*RiskTrend{}
	refs := map[[2]string]*ReferenceTrend{}
	var prev *store.Recorded
	for _, r := range runs {
		if r.Report == nil {
			continue
		}
		t.Runs = append(t.Runs, ref(r))
		now := byFingerprint(r)
		resolve := func(fp string) {
			ep := open[fp]
			h := r.StartedAt.Sub(ep.opened).Hours()
			resolvedCtl[ep.control] = append(resolvedCtl[ep.control], h)
			resolvedSys[ep.system] = append(resolvedSys[ep.system], h)
			delete(open, fp)
		}
		var cov *coverage
		var before map[string]finding.Finding
		if prev != nil {
			cov, before = newCoverage(prev, r), byFingerprint(prev)
		}
		for fp := range open {
			f, ok := now[fp]
			switch {
			case ok && f.Status == finding.Pass:
				resolve(fp)
			case !ok && cov != nil:
				if was, had := before[fp]; had {
					if gone, _ := cov.gone(was); gone {
						resolve(fp)
					}
				}
			}
		}
		for fp, f := range now {
			if f.Status == finding.Fail && open[fp] == nil {
				open[fp] = &episode{control: f.ControlID, system: f.Resource.System, opened: r.StartedAt}
			}
		}
		for _, k := range r.Report.Risks {
			rt := risks[k.ID]
			if rt == nil {
				rt = &RiskTrend{ID: k.ID, Title: k.Title}
				risks[k.ID] = rt
			}
			rt.Points = append(rt.Points, RiskPoint{Run: r.ID, Inherent: k.Inherent, Residual: k.Residual, Appetite: string(k.AppetiteStatus)})
		}
		for _, fw := range r.Report.Frameworks {
			for _, rf := range fw.References {
				key := [2]string{fw.Name, rf.Ref}
				rt := refs[key]
				if rt == nil {
					rt = &ReferenceTrend{Framework: fw.Name, Ref: rf.Ref}
					refs[key] = rt
				}
				var pass, all int
				for _, c := range rf.Controls {
					pass += c.Results.Pass
					all += c.Results.Pass + c.Results.Fail + c.Results.Error + c.Results.NotEvaluated
				}
				p := RatePoint{Run: r.ID, Status: rf.Status}
				if all > 0 {
					rate := float64(pass) / float64(all)
					p.PassRate = &rate
				}
				rt.Points = append(rt.Points, p)
			}
		}
		prev = r
	}
	var last time.Time
	if prev != nil {
		last = prev.StartedAt
	}
	openCtl, openSys := map[string][]float64{}, map[string][]float64{}
	for _, ep := range open {
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
	return t
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
