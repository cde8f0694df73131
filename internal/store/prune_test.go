package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrune: runs outside the retention are deleted with everything only
// they referenced — resources, evidence maps, finding keys and results —
// and nothing a kept run needs; a running run and the newest complete run
// are never deleted; a dry run deletes nothing.
func TestPrune(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn)
		day := func(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }
		a, b, c, d := repo("a", true), repo("b", false), repo("c", false), repo("d", true)
		r1 := record(t, st, day(0), a, b)
		r2 := record(t, st, day(1), a, c)
		r3, err := st.Begin(ctx, Start{Trigger: "audit", StartedAt: day(2)})
		require.NoError(t, err)
		require.NoError(t, st.Abort(ctx, r3, "interrupted"))
		r4 := record(t, st, day(3), a, d)
		r5, err := st.Begin(ctx, Start{Trigger: "schedule:nightly", StartedAt: day(4), Queued: true})
		require.NoError(t, err)
		require.Equal(t, 4, count(t, st, "resources"))

		_, err = st.Prune(ctx, Retention{})
		require.ErrorIs(t, err, ErrNoRetentionRule)

		dry, err := st.Prune(ctx, Retention{KeepLast: 2, DryRun: true})
		require.NoError(t, err)
		assert.Equal(t, []RunID{r1}, dry.Runs)
		assert.Positive(t, dry.ReportBytes)
		assert.Equal(t, 4, count(t, st, "resources"), "a dry run deletes nothing")
		_, err = st.Get(ctx, r1)
		require.NoError(t, err)

		// The last two complete runs are r4 and r2: r1 goes, r3 (after r2) stays.
		p, err := st.Prune(ctx, Retention{KeepLast: 2})
		require.NoError(t, err)
		assert.Equal(t, []RunID{r1}, p.Runs)
		assert.Equal(t, 1, p.Resources, "b was only in r1")
		assert.Equal(t, 1, p.EvidenceMaps)
		assert.Equal(t, 1, p.FindingKeys, "b's fingerprint")
		assert.Equal(t, 1, p.FindingResults, "b's failure")
		assert.Equal(t, dry.ReportBytes, p.ReportBytes)
		assert.Positive(t, p.ResourceBytes)
		assert.Positive(t, p.EvidenceMapBytes)
		assert.Equal(t, p.ReportBytes+p.ResourceBytes+p.EvidenceMapBytes, p.Bytes())
		_, err = st.Get(ctx, r1)
		require.ErrorIs(t, err, ErrNotFound)
		assertIntact(t, st)

		// Older than day 3: r2 and r3 go; r4 is the newest complete run, r5 is running.
		p, err = st.Prune(ctx, Retention{Before: day(3)})
		require.NoError(t, err)
		assert.Equal(t, []RunID{r2, r3}, p.Runs)
		assert.Equal(t, 1, p.Resources, "c")
		assertIntact(t, st)

		// Nothing is older than the newest complete run but the running one.
		p, err = st.Prune(ctx, Retention{KeepLast: 1, Before: day(365)})
		require.NoError(t, err)
		assert.Empty(t, p.Runs)
		runs, err := st.Runs(ctx, 0)
		require.NoError(t, err)
		require.Len(t, runs, 2)
		assert.Equal(t, []RunID{r5, r4}, []RunID{runs[0].ID, runs[1].ID})
		assert.Equal(t, Running, runs[0].State, "a queued run waits for the workers, not the prune")

		// The running run still finishes, into a store that kept what it needs.
		rep, snap := sample(day(4), a, d)
		require.NoError(t, st.Finish(ctx, r5, rep, snap, "sha256:cat"))
		assertIntact(t, st)
		data, err := st.Trends(ctx, 0)
		require.NoError(t, err)
		assert.Len(t, data.Runs, 2)
	})
}

// assertIntact: every remaining complete run reads back in full, every
// resource its evidence map names is stored, and no trend row is left of
// a deleted run.
func assertIntact(t *testing.T, st *sqlStore) {
	t.Helper()
	ctx := context.Background()
	runs, err := st.Latest(ctx, 0)
	require.NoError(t, err)
	for _, r := range runs {
		rec, err := st.Get(ctx, r.ID)
		require.NoError(t, err)
		require.NotNil(t, rec.Report)
		for key, h := range rec.ContentHash {
			_, err := st.Resource(ctx, h)
			require.NoError(t, err, "run %d: %q", r.ID, key)
		}
	}
	for _, table := range []string{"run_findings", "run_failures", "run_risks", "run_gaps", "run_references", "reports"} {
		var orphans int
		require.NoError(t, st.db.QueryRow(`SELECT count(*) FROM `+table+` t LEFT JOIN runs r ON r.id = t.run_id WHERE r.id IS NULL`).Scan(&orphans))
		assert.Zero(t, orphans, table)
	}
}
