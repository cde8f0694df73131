package serve

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/store"
)

// prunedStore fails its prunes, or reports runs deleted.
type prunedStore struct {
	*memStore
	err  error
	runs []store.RunID
}

func (p *prunedStore) Prune(ctx context.Context, keep store.Retention) (store.Pruned, error) {
	if _, err := p.memStore.Prune(ctx, keep); err != nil {
		return store.Pruned{}, err
	}
	return store.Pruned{Runs: p.runs, ReportBytes: 100, ResourceBytes: 20, EvidenceMapBytes: 3}, p.err
}

// TestRetentionAfterEachCompleteRun: with --prune-keep-last and
// --prune-older-than the store is pruned after every complete run, with
// the cut-off from the server's clock, and not after a run that did not
// complete; a failed prune is logged and counted, and fails nothing.
func TestRetentionAfterEachCompleteRun(t *testing.T) {
	t.Parallel()
	_, first, _ := nightRuns(t)
	mem := &memStore{}
	st := &prunedStore{memStore: mem, runs: []store.RunID{1}}
	var forgotten []store.RunID
	ts := newTestServer(t, mem, func(o *Options) {
		o.Store = st
		o.Audit = recordingAuditor(mem, o.Clock, first, first)
		o.Retention = Retention{KeepLast: 2, OlderThan: 90 * 24 * time.Hour,
			Forget: func(_ context.Context, runs []store.RunID) error { forgotten = append(forgotten, runs...); return nil }}
	})
	now := ts.clock.Now()
	sched := ts.Scheduler()
	require.NoError(t, sched.Trigger(Job{Trigger: "api"}))
	sched.done.Wait()
	require.Len(t, mem.prunes, 1)
	assert.Equal(t, store.Retention{KeepLast: 2, Before: now.Add(-90 * 24 * time.Hour)}, mem.prunes[0])
	assert.Equal(t, []store.RunID{1}, forgotten, "the job-queue rows of the deleted runs")
	assert.Contains(t, ts.log.String(), "retention (keep the last 2 complete runs, keep runs begun since 2026-09-02T01:00:00Z): deleted 1 runs, 123 bytes freed")

	// A run that does not complete prunes nothing.
	ts.opts.Audit = func(ctx context.Context, job Job) (store.RunID, error) {
		id, err := mem.Begin(ctx, store.Start{Trigger: job.Trigger})
		require.NoError(t, err)
		return id, errors.Join(errors.New("github: 401"), mem.Abort(ctx, id, "github: 401"))
	}
	require.NoError(t, sched.Trigger(Job{Trigger: "api"}))
	sched.done.Wait()
	assert.Len(t, mem.prunes, 1)

	st.err = errors.New("disk I/O error")
	ts.opts.Audit = recordingAuditor(mem, ts.clock, first)
	require.NoError(t, sched.Trigger(Job{Trigger: "api"}))
	sched.done.Wait()
	assert.Len(t, mem.prunes, 2)
	assert.Contains(t, ts.log.String(), "retention: nothing pruned: disk I/O error")
	assert.Equal(t, 1.0, testutil.ToFloat64(ts.Metrics().prunes.WithLabelValues("failed")))
	assert.Equal(t, 1.0, testutil.ToFloat64(ts.Metrics().prunes.WithLabelValues("pruned")))
	assert.Equal(t, 2.0, testutil.ToFloat64(ts.Metrics().runs.WithLabelValues("complete")))
}
