package runner

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/history"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
)

// BenchmarkTrends compares the two ways of computing the trends of a
// history of trendRuns runs of a generated 20,000-repository organisation
// (about 520,000 results a run) in one SQLite store, in the same run: the
// decode path (every report read and decoded, history.ComputeTrends — what
// `runs trends` and the dashboard did before schema 2) and the rows path
// (store.Trends + history.TrendsFromRows). Both must give the same trends.
// It reports each path's wall time and allocated bytes and their ratios:
//
//	go test ./internal/runner/ -run '^$' -bench 'BenchmarkTrends$' -benchtime 1x
func BenchmarkTrends(b *testing.B) {
	const repos, trendRuns = 20000, 6
	ctx := context.Background()
	in, err := pipeline.Load(ctx, nil, "", acme)
	require.NoError(b, err)
	st, err := store.Open(ctx, "file:"+filepath.Join(b.TempDir(), "runs.db"))
	require.NoError(b, err)
	defer st.Close()
	snap := generatedOrg(b, repos, nil)
	day := func(n int) time.Time { return time.Date(2026, 11, 1+n, 6, 0, 0, 0, time.UTC) }
	base, _, err := Audit(ctx, st, pipeline.Config{Inputs: in, Workspace: acme, Evidence: []*evidence.Snapshot{snap},
		Now: func() time.Time { return day(0) }}, store.Start{Trigger: "bench"})
	require.NoError(b, err)
	// Later runs move results between pass and fail, so failures open and
	// close: run k fails every 13th passing result shifted by k, and
	// passes every 7th failing one shifted by k.
	for k := 1; k < trendRuns; k++ {
		r := *base
		r.Findings = slices.Clone(base.Findings)
		for i := range r.Findings {
			f := &r.Findings[i]
			switch {
			case f.Status == finding.Pass && (i+k)%13 == 0:
				f.Status = finding.Fail
			case f.Status == finding.Fail && (i+k)%7 == 0:
				f.Status = finding.Pass
			}
		}
		r.Summary = finding.Summarize(r.Findings)
		recordReport(b, st, &r, snap, day(k))
	}

	var decodeNs, rowsNs, decodeBytes, rowsBytes float64
	for b.Loop() {
		var fromReports, fromRows *history.Trends
		t0, a0 := time.Now(), allocated()
		runs, err := st.Latest(ctx, trendRuns)
		require.NoError(b, err)
		var recs []*store.Recorded
		for i := len(runs) - 1; i >= 0; i-- {
			rec, err := st.Get(ctx, runs[i].ID)
			require.NoError(b, err)
			recs = append(recs, rec)
		}
		fromReports = history.ComputeTrends(recs)
		decodeNs += float64(time.Since(t0).Nanoseconds())
		decodeBytes += float64(allocated() - a0)
		recs = nil

		t1, a1 := time.Now(), allocated()
		data, err := st.Trends(ctx, trendRuns)
		require.NoError(b, err)
		fromRows, err = history.TrendsFromRows(ctx, data, st.EvidenceMap)
		require.NoError(b, err)
		rowsNs += float64(time.Since(t1).Nanoseconds())
		rowsBytes += float64(allocated() - a1)

		require.Equal(b, fromReports, fromRows, "the rows give the reports' trends")
		require.NotEmpty(b, fromRows.Controls)
	}
	n := float64(b.N)
	b.ReportMetric(decodeNs/n/1e6, "decode-ms")
	b.ReportMetric(rowsNs/n/1e6, "rows-ms")
	b.ReportMetric(decodeNs/rowsNs, "decode/rows-time")
	b.ReportMetric(decodeBytes/n/1e6, "decode-MB-alloc")
	b.ReportMetric(rowsBytes/n/1e6, "rows-MB-alloc")
	b.ReportMetric(decodeBytes/rowsBytes, "decode/rows-alloc")
	b.ReportMetric(float64(len(base.Findings)), "findings/run")
	b.ReportMetric(trendRuns, "runs")
}

func recordReport(tb testing.TB, st store.Store, r *report.Report, snap *evidence.Snapshot, at time.Time) {
	tb.Helper()
	ctx := context.Background()
	id, err := st.Begin(ctx, store.Start{Trigger: "bench", StartedAt: at})
	require.NoError(tb, err)
	require.NoError(tb, st.Finish(ctx, id, r, snap, "sha256:bench"))
}

func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}
