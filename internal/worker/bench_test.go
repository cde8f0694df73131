package worker_test

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/store/pgtest"
	"github.com/rampart-audit/rampart/internal/worker"
)

// BenchmarkThreeWorkersOverOne runs the same distributed audit with one
// worker process and with three, in the same benchmark, and reports the
// speed-up. The estate is the stand-ins with latency on every answer, as
// a real API has: a 48-repository organisation in 12 shards and one AWS
// account in two regions (21 collection jobs); every worker works two jobs
// at once. Wall time runs from the enqueue to the recorded report, plan
// and evaluation included.
//
//	go test ./internal/worker -run '^$' -bench ThreeWorkersOverOne -benchtime 1x
func BenchmarkThreeWorkersOverOne(b *testing.B) {
	const latency = 25 * time.Millisecond
	b.Logf("machine: %d CPUs (GOMAXPROCS %d), %s/%s; stand-in latency %s per answer", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, latency)
	for i := 0; i < b.N; i++ {
		one := distributedRun(b, 1, latency)
		three := distributedRun(b, 3, latency)
		b.ReportMetric(one.Seconds(), "s/run-1-worker")
		b.ReportMetric(three.Seconds(), "s/run-3-workers")
		b.ReportMetric(one.Seconds()/three.Seconds(), "speedup-3-over-1")
		b.Logf("1 worker %s, 3 workers %s: %.2fx", one.Round(time.Millisecond), three.Round(time.Millisecond), one.Seconds()/three.Seconds())
	}
}

func distributedRun(b *testing.B, workers int, latency time.Duration) time.Duration {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	dsn := pgtest.Start(b)
	si := worker.StandIn(b, githubtest.Large(48), latency)
	st, err := store.Open(ctx, dsn)
	require.NoError(b, err)
	defer st.Close()
	pool, err := pgxpool.New(ctx, dsn)
	require.NoError(b, err)
	defer pool.Close()
	procs := startWorkers(b, workers, dsn, si.Env)
	start := time.Now()
	id, err := worker.Enqueue(ctx, pool, st, worker.Spec{Workspace: worker.Workspace(b), Collectors: []string{"github", "aws"}, GitHubShards: 12}, time.Now())
	require.NoError(b, err)
	prog, err := worker.Wait(ctx, pool, id, 50*time.Millisecond, nil)
	require.NoError(b, err)
	elapsed := time.Since(start)
	require.Equal(b, "done", prog.State, prog.Reason)
	require.Equal(b, 21, prog.Collected, fmt.Sprint(prog))
	for _, p := range procs {
		p.stop(b)
	}
	b.Logf("%s worker(s): %s", strconv.Itoa(workers), elapsed.Round(time.Millisecond))
	return elapsed
}
