package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/finding"
)

func randomEntries(rng *rand.Rand, n int) map[engine.CacheKey]engine.CachedResult {
	out := make(map[engine.CacheKey]engine.CachedResult, n)
	for range n {
		var k engine.CacheKey
		for i := range k {
			k[i] = byte(rng.IntN(256))
		}
		st := statusCodes[rng.IntN(len(statusCodes))]
		out[k] = engine.CachedResult{Status: st, Message: fmt.Sprintf("%s %d", st, rng.IntN(5)), Path: []string{"", "attributes.x"}[rng.IntN(2)]}
	}
	return out
}

func TestResultsEncodeRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 1000} {
		entries := randomEntries(rng, n)
		body, err := encodeResults(entries)
		require.NoError(t, err)
		got, err := decodeResults(body)
		require.NoError(t, err)
		assert.Equal(t, entries, got)
		again, err := encodeResults(got)
		require.NoError(t, err)
		assert.Equal(t, body, again, "the same set encodes to the same bytes")
	}
	_, err := encodeResults(map[engine.CacheKey]engine.CachedResult{{1}: {Status: finding.Waived}})
	assert.ErrorContains(t, err, `status "waived" is not kept`)
}

// TestResultsDecodeRefusesDamage: a cut, altered or foreign body is an
// error, never a partial set.
func TestResultsDecodeRefusesDamage(t *testing.T) {
	t.Parallel()
	body, err := encodeResults(randomEntries(rand.New(rand.NewPCG(1, 1)), 50))
	require.NoError(t, err)
	plain, err := gunzip(body)
	require.NoError(t, err)
	cases := map[string][]byte{
		"cut":        plain[:len(plain)-5],
		"foreign":    append([]byte("rampart.results/v0\n"), plain[len(resultsMagic):]...),
		"bad status": func() []byte { b := append([]byte{}, plain...); b[len(b)-3] = 9; return b }(),
		"trailing":   append(append([]byte{}, plain...), 0),
	}
	for name, p := range cases {
		z, err := compressBytes(p)
		require.NoError(t, err)
		_, err = decodeResults(z)
		assert.Error(t, err, name)
	}
	_, err = decodeResults([]byte("not gzip"))
	assert.Error(t, err)
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

// TestFinishIncrementalKeepsOneSetPerJudge: a run's set is read back by
// its digest, the reuse is on the run, a newer run of the same digest
// replaces the older set, another digest keeps its own, a plain Finish
// keeps none, and pruning a run deletes its set.
func TestFinishIncrementalKeepsOneSetPerJudge(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn)
		rng := rand.New(rand.NewPCG(5, 6))
		finish := func(day int, res *Results) RunID {
			at := t0.AddDate(0, 0, day)
			id, err := st.Begin(ctx, Start{Trigger: "audit", StartedAt: at})
			require.NoError(t, err)
			r, snap := sample(at, repo("api", true))
			require.NoError(t, st.FinishIncremental(ctx, id, r, snap, "sha256:cat", res))
			return id
		}
		none, from, err := st.PreviousResults(ctx, "judge-a")
		require.NoError(t, err)
		assert.Empty(t, none)
		assert.Zero(t, from)

		a1 := randomEntries(rng, 300)
		id1 := finish(0, &Results{Digest: "judge-a", Entries: a1})
		got, from, err := st.PreviousResults(ctx, "judge-a")
		require.NoError(t, err)
		assert.Equal(t, a1, got)
		assert.Equal(t, id1, from)

		a2 := randomEntries(rng, 200)
		id2 := finish(1, &Results{Digest: "judge-a", Entries: a2, Reused: 150})
		b1 := randomEntries(rng, 10)
		id3 := finish(2, &Results{Digest: "judge-b", Entries: b1})
		id4 := finish(3, nil)
		got, from, err = st.PreviousResults(ctx, "judge-a")
		require.NoError(t, err)
		assert.Equal(t, a2, got)
		assert.Equal(t, id2, from)
		got, _, err = st.PreviousResults(ctx, "judge-b")
		require.NoError(t, err)
		assert.Equal(t, b1, got)
		assert.Equal(t, 2, count(t, st, "run_result_cache"), "the older set of judge-a is gone")

		rec, err := st.Get(ctx, id2)
		require.NoError(t, err)
		assert.True(t, rec.Incremental)
		assert.Equal(t, 150, rec.Reused)
		runs, err := st.Runs(ctx, 0)
		require.NoError(t, err)
		byID := map[RunID]Run{}
		for _, r := range runs {
			byID[r.ID] = r
		}
		assert.False(t, byID[id4].Incremental, "a plain Finish is a full evaluation")
		assert.True(t, byID[id1].Incremental)
		assert.Zero(t, byID[id1].Reused)

		_, err = st.Prune(ctx, Retention{KeepLast: 1})
		require.NoError(t, err)
		assert.Zero(t, count(t, st, "run_result_cache"), "pruned runs take their sets with them")
		_ = id3
	})
}

// TestFinishIncrementalIsAllOrNothing: a run that cannot finish keeps no
// set, and an incomplete run's set is never read.
func TestFinishIncrementalIsAllOrNothing(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn)
		id, err := st.Begin(ctx, Start{Trigger: "audit", StartedAt: t0})
		require.NoError(t, err)
		r, snap := sample(t0, repo("api", true))
		snap.Resources = append(snap.Resources, snap.Resources[0]) // listed twice: Finish refuses
		res := &Results{Digest: "judge", Entries: randomEntries(rand.New(rand.NewPCG(7, 8)), 5)}
		require.Error(t, st.FinishIncremental(ctx, id, r, snap, "sha256:cat", res))
		require.NoError(t, st.Abort(ctx, id, "could not record"))
		got, from, err := st.PreviousResults(ctx, "judge")
		require.NoError(t, err)
		assert.Empty(t, got)
		assert.Zero(t, from)
		assert.Zero(t, count(t, st, "run_result_cache"))
	})
}

// TestSchema2StoreMigrates: a store written by the build before
// incremental audits opens, its runs read as evaluated in full, and it
// takes result sets from then on.
func TestSchema2StoreMigrates(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			dsn := b.dsn(t)
			d := sqliteDialect
			var db *sql.DB
			if strings.HasPrefix(dsn, "postgres") {
				d = postgresDialect
				cfg, err := pgx.ParseConfig(dsn)
				require.NoError(t, err)
				db = stdlib.OpenDB(*cfg)
			} else {
				db = sql.OpenDB(sqliteConnector{dsn: "file:" + strings.TrimPrefix(dsn, "file:")})
			}
			ms, err := dialectMigrations(d)
			require.NoError(t, err)
			_, err = db.ExecContext(ctx, `CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at `+d.bigint+` NOT NULL)`)
			require.NoError(t, err)
			for {
				done, err := migrateOne(ctx, db, d, ms[:2])
				require.NoError(t, err)
				if done {
					break
				}
			}
			_, err = db.ExecContext(ctx, `INSERT INTO runs (state, started_at, trend_rows) VALUES ('incomplete', 1, 1)`)
			require.NoError(t, err)
			require.NoError(t, db.Close())

			st := open(t, dsn)
			runs, err := st.Runs(ctx, 0)
			require.NoError(t, err)
			require.Len(t, runs, 1)
			assert.False(t, runs[0].Incremental)
			assert.Zero(t, runs[0].Reused)
			id, err := st.Begin(ctx, Start{Trigger: "audit", StartedAt: t0})
			require.NoError(t, err)
			r, snap := sample(t0, repo("api", true))
			entries := randomEntries(rand.New(rand.NewPCG(9, 9)), 3)
			require.NoError(t, st.FinishIncremental(ctx, id, r, snap, "sha256:cat", &Results{Digest: "j", Entries: entries}))
			got, _, err := st.PreviousResults(ctx, "j")
			require.NoError(t, err)
			assert.Equal(t, entries, got)
		})
	}
}
