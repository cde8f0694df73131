package runner

import (
	"context"
	"flag"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	ghc "github.com/rampart-audit/rampart/internal/collect/github"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/store"
)

var incrRepos = flag.Int("incr-repos", 2000, "repositories of the organisation BenchmarkIncrementalReaudit audits (20000: the issue's size)")

// cpuTime is this process's user + system CPU time so far.
func cpuTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	require.NoError(tb, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIncrementalReaudit audits a generated organisation of
// -incr-repos repositories (githubtest.Large) live from the GitHub
// stand-in into one SQLite store, three times in the same run:
//
//   - cold: an empty ETag cache and an empty store (nothing to reuse);
//   - warm, full: the ETag cache warm, every result evaluated
//     (--no-incremental) — the baseline of the evaluation's share;
//   - warm, incremental: the ETag cache warm and the results of the
//     cold run reused.
//
// Each reports wall time, CPU time (the process's, which includes the
// in-process stand-in answering the collector) and the GitHub quota used
// (REST requests not answered 304 plus GraphQL points), and the ratios
// cold / warm-incremental and warm-full / warm-incremental:
//
//	go test ./internal/runner/ -run '^$' -bench IncrementalReaudit -benchtime 1x [-incr-repos 20000]
func BenchmarkIncrementalReaudit(b *testing.B) {
	ctx := context.Background()
	in, err := pipeline.Load(ctx, nil, "", acme)
	require.NoError(b, err)
	const token = "ghp_benchmarkbenchmarkbenchmark0000"
	type measured struct {
		wall, cpu     time.Duration
		units, reused int64
		results       int
	}
	var cold, warmFull, warmIncr measured
	for b.Loop() {
		srv := githubtest.New(githubtest.Large(*incrRepos), githubtest.Faults{Token: token})
		cacheDir := b.TempDir()
		st, err := store.Open(ctx, "file:"+filepath.Join(b.TempDir(), "runs.db"))
		require.NoError(b, err)
		run := func(opts ...Option) measured {
			var stats *ghc.Stats
			cfg := pipeline.Config{Inputs: in, Workspace: acme,
				Collect: func(ctx context.Context, _ *model.Workspace) ([]*evidence.Snapshot, error) {
					snap, s, err := ghc.Collect(ctx, ghc.Config{Targets: []ghc.Target{{Org: "acme"}}, Auth: ghc.Auth{Token: token},
						BaseURL: srv.URL, CacheDir: cacheDir, MaxRateWait: time.Minute})
					stats = s
					if err != nil {
						return nil, err
					}
					return []*evidence.Snapshot{snap}, evidence.Normalize(snap)
				}}
			var inc *Incremental
			cpu0, wall0 := cpuTime(b), time.Now()
			r, _, err := Audit(ctx, st, cfg, store.Start{Trigger: "bench", Collectors: []string{"github"}}, append(opts, Tell(&inc))...)
			require.NoError(b, err)
			m := measured{wall: time.Since(wall0), cpu: cpuTime(b) - cpu0, units: stats.Units(), reused: int64(inc.Reused()), results: len(r.Findings)}
			require.False(b, r.Evidence.CutShort, r.Evidence.IncompleteReason)
			return m
		}
		cold = run()
		warmFull = run(FullEvaluation())
		warmIncr = run()
		require.NoError(b, st.Close())
		srv.Close()
		require.Zero(b, cold.reused)
		require.Zero(b, warmFull.reused)
		require.Positive(b, warmIncr.reused)
	}
	for name, m := range map[string]measured{"cold": cold, "warm-full": warmFull, "warm-incr": warmIncr} {
		b.ReportMetric(m.wall.Seconds(), name+"-wall-s")
		b.ReportMetric(m.cpu.Seconds(), name+"-cpu-s")
		b.ReportMetric(float64(m.units), name+"-quota")
	}
	b.ReportMetric(float64(warmIncr.reused), "reused")
	b.ReportMetric(float64(warmIncr.results), "results")
	b.ReportMetric(cold.wall.Seconds()/warmIncr.wall.Seconds(), "cold/warm-incr-wall")
	b.ReportMetric(cold.cpu.Seconds()/warmIncr.cpu.Seconds(), "cold/warm-incr-cpu")
	b.ReportMetric(warmFull.wall.Seconds()/warmIncr.wall.Seconds(), "warm-full/warm-incr-wall")
	b.ReportMetric(warmFull.cpu.Seconds()/warmIncr.cpu.Seconds(), "warm-full/warm-incr-cpu")
	b.Logf("%d repositories, %d results; reused %d (%.1f %%) on the warm incremental run", *incrRepos, warmIncr.results, warmIncr.reused,
		100*float64(warmIncr.reused)/float64(max(warmIncr.results, 1)))

}
