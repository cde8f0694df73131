package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/benchdata"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
)

// TestMergeResultsIsSortedFindings: the compact hand-off and its counting
// merge give what holding every finding whole and sorting the groups by
// reference gives (sortedFindings, itself held to sort.SliceStable) —
// resources with equal types and IDs, a control twice on one resource,
// tails whose keys equal the resources' included — in an array of the
// exact size; and a resource with a finding that is more than a status,
// message and path on newFinding is kept whole, with the same result.
func TestMergeResultsIsSortedFindings(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	controls := []*Control{
		{ID: "C-3", Title: "three", Severity: finding.High, Frameworks: map[string][]string{"cis": {"1.1"}}},
		{ID: "C-1", Title: "one", Severity: finding.Low},
		{ID: "C-2", Title: "two", Severity: finding.Medium, Frameworks: map[string][]string{}},
		{ID: "C-0", Title: "zero", Severity: finding.Critical},
	}
	groups := map[string][][]*Control{"t0": {controls[:2], controls[2:3]}, "t1": {controls[1:]}, "t2": {controls[3:]}}
	// results is what a resource's groups give: every control of each
	// batch once, in batch order, and sometimes a control twice. serial
	// numbers the messages; each subtest counts its own, since they run
	// in parallel.
	results := func(rng *rand.Rand, serial *int, r *evidence.Resource) []finding.Finding {
		var fs []finding.Finding
		for _, batch := range groups[r.Type] {
			for _, ctl := range batch {
				for range 1 + rng.IntN(4)/3 {
					*serial++
					f := newFinding(ctl, *r)
					f.Status = finding.Statuses[rng.IntN(4)]
					f.Message = fmt.Sprintf("#%d", *serial)
					if rng.IntN(2) == 0 {
						f.Path = "attributes.x"
					}
					fs = append(fs, f)
				}
			}
		}
		return fs
	}
	random := func(seed uint64, resources, tail int, spoil func(*finding.Finding)) ([]evidence.Resource, [][]finding.Finding, []finding.Finding) {
		rng := rand.New(rand.NewPCG(seed, 16))
		serial := 0
		rs := make([]evidence.Resource, resources)
		for i := range rs {
			rs[i] = evidence.Resource{Type: fmt.Sprintf("t%d", rng.IntN(3)), ID: fmt.Sprintf("r%d", rng.IntN(resources/2+1)),
				System: []string{"", "sys"}[rng.IntN(2)], Source: evidence.Source{Kind: "live", Collector: "github", CollectedAt: at}}
		}
		per := make([][]finding.Finding, resources)
		for i := range rs {
			per[i] = results(rng, &serial, &rs[i])
		}
		if spoil != nil && resources > 0 {
			for i := range per {
				if len(per[i]) > 0 {
					spoil(&per[i][len(per[i])-1])
					break
				}
			}
		}
		var extra []finding.Finding
		for range tail {
			r := rs[rng.IntN(len(rs))]
			serial++
			f := newFinding(controls[rng.IntN(len(controls))], r)
			f.Status, f.Message = finding.NotEvaluated, fmt.Sprintf("tail #%d", serial)
			extra = append(extra, f)
		}
		return rs, per, extra
	}
	type tc struct {
		resources, tail int
		spoil           func(*finding.Finding)
	}
	cases := map[string]tc{
		"none":            {0, 0, nil},
		"one":             {1, 0, nil},
		"tail only":       {1, 5, nil},
		"many":            {300, 0, nil},
		"many with tail":  {300, 40, nil},
		"risks set":       {50, 5, func(f *finding.Finding) { f.Links = &finding.Links{Risks: []string{"R-1"}} }},
		"waived":          {50, 5, func(f *finding.Finding) { f.Status = finding.Waived; f.Waiver = "W-1" }},
		"other title":     {50, 5, func(f *finding.Finding) { f.Title = "renamed" }},
		"other map":       {50, 5, func(f *finding.Finding) { f.Frameworks = map[string][]string{"cis": {"1.1"}} }},
		"other resource":  {50, 5, func(f *finding.Finding) { f.Resource.ID = "elsewhere" }},
		"unknown status":  {50, 5, func(f *finding.Finding) { f.Status = "strange" }},
		"unknown control": {50, 5, func(f *finding.Finding) { f.ControlID = "C-9" }},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ranks := newControlRanks(groups)
			rs, per, tail := random(uint64(len(name)), c.resources, c.tail, c.spoil)
			want := sortedFindings(append(slices.Clone(per), tail))
			handed := make([]resourceResults, len(rs))
			whole := false
			for i := range rs {
				handed[i] = ranks.compactResults(&rs[i], per[i])
				whole = whole || handed[i].whole != nil
			}
			require.Equal(t, c.spoil != nil, whole, "only a spoilt finding keeps its resource whole")
			got := ranks.mergeResults(rs, handed, slices.Clone(tail))
			require.Equal(t, len(want), len(got))
			if len(want) > 0 {
				require.Equal(t, want, got)
				require.Equal(t, len(got), cap(got), "growth room would stay alive with the report")
			}
		})
	}
}

// TestResultsAreHandedOnCompact: on the example's evidence and the acme
// set every resource's results take the compact form — a whole one would
// be correct (TestBeforeJudgesAlike) but hold the memory the compact form
// exists to save.
func TestResultsAreHandedOnCompact(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, err := New(ctx, []Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)
	example, err := evidence.Load("../../examples/acme/evidence")
	require.NoError(t, err)
	acme, err := benchdata.Acme("../../examples/acme", 20, 6)
	require.NoError(t, err)
	for name, snap := range map[string]*evidence.Snapshot{"example": example, "acme": acme} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			idx, idxErr := newRelIndex(snap, e.rels, Env{})
			run := runState{idx: idx, idxErr: idxErr}
			ranks := newControlRanks(e.groups)
			compact := 0
			for i := range snap.Resources {
				r := &snap.Resources[i]
				res := ranks.compactResults(r, e.evaluateResource(ctx, -1, *r, run, e.now()))
				require.Nil(t, res.whole, "%s %s kept whole", r.Type, r.ID)
				compact += len(res.compact)
			}
			require.Positive(t, compact)
		})
	}
}
