package worker_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/store/pgtest"
	"github.com/rampart-audit/rampart/internal/worker"
)

// inProcess runs one worker in this process until the test ends, with
// retries, sweeps and polls short enough for a test.
func inProcess(t *testing.T, env func(string) string) (*pgxpool.Pool, store.Store, string) {
	t.Helper()
	dsn := pgtest.Start(t)
	pool, st := startWorker(t, dsn, env)
	return pool, st, dsn
}

// startWorker runs one worker in this process against dsn until the test
// ends.
func startWorker(t *testing.T, dsn string, env func(string) string) (*pgxpool.Pool, store.Store) {
	t.Helper()
	st, err := store.Open(t.Context(), dsn)
	require.NoError(t, err)
	pool, err := pgxpool.New(t.Context(), dsn)
	require.NoError(t, err)
	w, err := worker.New(t.Context(), pool, worker.Options{
		Store: st, Env: env, Concurrency: 4, MaxAttempts: 2, RetryBase: 50 * time.Millisecond,
		SweepEvery: 200 * time.Millisecond, PollEvery: 100 * time.Millisecond,
		GitHubRate: worker.Rate{PerSecond: 1e5, Burst: 1e5}, AWSRate: worker.Rate{PerSecond: 1e5, Burst: 1e5},
		Log: testLog{t},
	})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		assert.NoError(t, <-done)
		pool.Close()
		st.Close()
	})
	return pool, st
}

type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// Collection jobs that fail on every attempt (credentials GitHub
// rejects) are given up after their retries, their scope becomes
// not_collected with the error, and the run still finishes: recorded,
// its evidence marked incomplete — never a silent pass over nothing.
func TestExhaustedJobsMakeTheirScopeNotCollected(t *testing.T) {
	si := worker.StandIn(t, githubtest.Acme(), 0)
	env := map[string]string{}
	for k, v := range si.Env {
		env[k] = v
	}
	env["GITHUB_TOKEN"] = "ghp_REJECTED"
	pool, st, _ := inProcess(t, func(k string) string { return env[k] })
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()

	id, err := worker.Enqueue(ctx, pool, st, worker.Spec{Workspace: worker.Workspace(t), Collectors: []string{"github"}, GitHubShards: 2}, time.Now())
	require.NoError(t, err)
	prog, err := worker.Wait(ctx, pool, id, 100*time.Millisecond, nil)
	require.NoError(t, err)
	assert.Equal(t, worker.Progress{RunID: id, State: "done", Parts: 2, Failed: 2}, prog)

	rec, err := st.Get(ctx, id)
	require.NoError(t, err)
	require.Equal(t, store.Complete, rec.State)
	assert.True(t, rec.EvidenceIncomplete)
	ev := rec.Report.Evidence
	assert.Contains(t, ev.IncompleteReason, "2 collection job(s) failed after their retries")
	var gaps []string
	for _, g := range ev.NotCollected {
		assert.Contains(t, g.Reason, "Bad credentials")
		gaps = append(gaps, g.ResourceType)
	}
	// The repositories of both shards are one gap: one finding per scope.
	assert.ElementsMatch(t, []string{"github.organization", "github.member", "github.repository"}, gaps)
	assert.NotContains(t, strings.Join(gaps, " "), "ghp_REJECTED")
}

// A worker whose checkout differs from the run's inputs refuses to plan
// it; when every attempt is refused the run is aborted with the reason.
func TestWorkerRefusesAnotherWorkspace(t *testing.T) {
	si := worker.StandIn(t, githubtest.Acme(), 0)
	workspace := worker.Workspace(t)
	dsn := pgtest.Start(t)
	st, err := store.Open(t.Context(), dsn)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	pool, err := pgxpool.New(t.Context(), dsn)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()

	id, err := worker.Enqueue(ctx, pool, st, worker.Spec{Workspace: workspace, Collectors: []string{"github"}}, time.Now())
	require.NoError(t, err)
	// The worker's checkout has one more line than the enqueuer's.
	f := filepath.Join(workspace, "systems.hcl")
	data, err := os.ReadFile(f)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(f, append(data, "\n# changed\n"...), 0o644))

	w, err := worker.New(ctx, pool, worker.Options{Store: st, Env: si.Getenv, MaxAttempts: 2, RetryBase: 50 * time.Millisecond,
		SweepEvery: 200 * time.Millisecond, PollEvery: 100 * time.Millisecond, Log: testLog{t}})
	require.NoError(t, err)
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	defer func() { stop(); assert.NoError(t, <-done) }()

	prog, err := worker.Wait(ctx, pool, id, 100*time.Millisecond, nil)
	require.NoError(t, err)
	assert.Equal(t, "aborted", prog.State)
	assert.Contains(t, prog.Reason, "the worker's workspace, controls or policies differ from the run's")
	rec, err := st.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, store.Incomplete, rec.State)
	assert.Contains(t, rec.Reason, "differ from the run's")
	assert.Zero(t, prog.Parts, "nothing planned")
}

// The hash covers every file of the workspace, by name and content.
func TestInputsHash(t *testing.T) {
	ws := worker.Workspace(t)
	spec := worker.Spec{Workspace: ws}
	h1, err := worker.InputsHash(spec)
	require.NoError(t, err)
	h2, err := worker.InputsHash(spec)
	require.NoError(t, err)
	assert.Equal(t, h1, h2, "stable")
	require.NoError(t, os.Rename(filepath.Join(ws, "people.hcl"), filepath.Join(ws, "people2.hcl")))
	h3, err := worker.InputsHash(spec)
	require.NoError(t, err)
	assert.NotEqual(t, h1, h3, "a renamed file changes it")
	h4, err := worker.InputsHash(worker.Spec{Workspace: ws, Controls: []string{"embedded", filepath.Join("..", "..", "controls")}})
	require.NoError(t, err)
	assert.NotEqual(t, h3, h4, "the controls count")
	require.NoError(t, os.Symlink("/etc/passwd", filepath.Join(ws, "link")))
	_, err = worker.InputsHash(spec)
	assert.ErrorContains(t, err, "is not a regular file or folder")
}
