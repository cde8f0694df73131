package worker_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/robfig/cron/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/serve"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/store/pgtest"
	"github.com/rampart-audit/rampart/internal/worker"
)

const serveTestToken = "serve-test-token-0123456789"

// TestServeHandsScheduledRunsToWorkers: `rampart serve` with a PostgreSQL
// store enqueues a scheduled live run instead of running it. With no
// worker the run waits in the queue — listed as running and queued, left
// alone by a restart's Recover, the scheduler busy — and when a worker
// comes it completes and is recorded as the schedule's run. A run of
// recorded evidence, which the workers cannot read, stays in-process.
func TestServeHandsScheduledRunsToWorkers(t *testing.T) {
	si := worker.StandIn(t, githubtest.Acme(), 0)
	dsn := pgtest.Start(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	st, err := store.Open(ctx, dsn)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	pool, err := pgxpool.New(ctx, dsn)
	require.NoError(t, err)
	t.Cleanup(pool.Close)

	spec, err := cron.ParseStandard("0 2 * * *")
	require.NoError(t, err)
	nightly := &model.Schedule{Name: "nightly", Cron: "0 2 * * *", Collect: []string{"github"}, Spec: spec}
	var mu sync.Mutex
	var inProcess []serve.Job
	log := &lockedLog{}
	ws := worker.Workspace(t)
	audit := serve.Queue{Pool: pool, Store: st, Workspace: ws, GitHubShards: 2, Poll: 50 * time.Millisecond, Log: log}.
		Auditor(func(_ context.Context, job serve.Job) (store.RunID, error) {
			mu.Lock()
			defer mu.Unlock()
			inProcess = append(inProcess, job)
			return 0, errors.New("the test's in-process auditor records the job only")
		})
	srv, err := serve.New(serve.Options{Store: st, Workspace: ws, Schedules: []*model.Schedule{nightly},
		Audit: audit, Auth: serve.NewTokenAuth(serveTestToken), Log: log})
	require.NoError(t, err)
	get := func(path string) string {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.Header.Set("Authorization", "Bearer "+serveTestToken)
		w := httptest.NewRecorder()
		srv.Handler().ServeHTTP(w, r)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		return w.Body.String()
	}

	sched := srv.Scheduler()
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	sched.Start(day)
	sched.Tick(day.Add(3 * time.Hour)) // nightly was due at 02:00

	// No worker yet: queued, not lost.
	require.Eventually(t, func() bool { runs, err := st.Runs(ctx, 0); return err == nil && len(runs) == 1 }, time.Minute, 20*time.Millisecond)
	time.Sleep(300 * time.Millisecond) // long enough for a wrongly in-process run to have started
	runs, err := st.Runs(ctx, 0)
	require.NoError(t, err)
	require.Len(t, runs, 1)
	assert.Equal(t, store.Running, runs[0].State)
	assert.True(t, runs[0].Queued)
	assert.Equal(t, "schedule:nightly", runs[0].Trigger)
	assert.Contains(t, get("/api/v1/runs"), `"state":"running"`)
	assert.Contains(t, get("/api/v1/runs"), `"queued":true`)
	restarted, err := store.Open(ctx, dsn)
	require.NoError(t, err)
	recovered, err := restarted.Recover(ctx)
	require.NoError(t, err)
	assert.Empty(t, recovered, "a queued run belongs to the workers, not to the server that enqueued it")
	require.NoError(t, restarted.Close())
	_, _, busy := sched.Running()
	assert.True(t, busy, "the server follows the queued run: one audit at a time")
	assert.ErrorIs(t, sched.Trigger(serve.JobOf(nightly)), serve.ErrBusy)
	forgot, err := worker.Forget(ctx, pool, []store.RunID{runs[0].ID})
	require.NoError(t, err)
	assert.Zero(t, forgot, "a run still planning keeps its queue rows")

	// A worker comes: the run completes, recorded as the schedule's run.
	startWorker(t, dsn, si.Getenv)
	require.Eventually(t, func() bool { _, _, busy := sched.Running(); return !busy }, 2*time.Minute, 50*time.Millisecond)
	rec, err := st.Get(ctx, runs[0].ID)
	require.NoError(t, err)
	require.Equal(t, store.Complete, rec.State, rec.Reason)
	assert.Equal(t, "schedule:nightly", rec.Trigger)
	assert.Positive(t, rec.Resources)
	assert.Positive(t, rec.Summary.Total)
	assert.Contains(t, get("/metrics"), `rampart_runs_total{result="complete"} 1`)
	assert.Contains(t, log.String(), "queued for rampart worker")

	// Pruned, a settled run's queue rows (its parts' snapshots) go too.
	var parts int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM rampart_dist_part WHERE run_id = $1`, int64(rec.ID)).Scan(&parts))
	assert.Equal(t, 2, parts, "two GitHub shards")
	forgot, err = worker.Forget(ctx, pool, []store.RunID{rec.ID})
	require.NoError(t, err)
	assert.Equal(t, int64(1), forgot)
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM rampart_dist_part WHERE run_id = $1`, int64(rec.ID)).Scan(&parts))
	assert.Zero(t, parts)

	// Recorded evidence stays in this process.
	require.NoError(t, sched.Trigger(serve.Job{Trigger: "api"}))
	require.Eventually(t, func() bool { _, _, busy := sched.Running(); return !busy }, time.Minute, 20*time.Millisecond)
	mu.Lock()
	assert.Equal(t, []serve.Job{{Trigger: "api"}}, inProcess)
	mu.Unlock()
	assert.Contains(t, log.String(), "run api: in this process, not on the workers: it audits recorded evidence")
	runs, err = st.Runs(ctx, 0)
	require.NoError(t, err)
	assert.Len(t, runs, 1, "the in-process job enqueued nothing")
}

// TestDistributable: only live collection with nothing from the server's
// disk goes to the workers.
func TestDistributable(t *testing.T) {
	for _, tc := range []struct {
		job  serve.Job
		want bool
		why  string
	}{
		{serve.Job{Collect: []string{"github", "aws"}}, true, ""},
		{serve.Job{}, false, "recorded evidence"},
		{serve.Job{Collect: []string{"github"}, Evidence: []string{"extra.json"}}, false, "recorded evidence files"},
		{serve.Job{Collect: []string{"aws"}, TrainingRecords: "training.csv"}, false, "training records"},
	} {
		ok, why := serve.Distributable(tc.job)
		assert.Equal(t, tc.want, ok, "%+v", tc.job)
		if tc.why == "" {
			assert.Empty(t, why)
		} else {
			assert.Contains(t, why, tc.why)
		}
	}
}

type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var _ io.Writer = (*lockedLog)(nil)
