package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// backend makes a DSN of a new, empty store.
type backend struct {
	name string
	dsn  func(t *testing.T) string
}

var backends = []backend{
	{"sqlite", func(t *testing.T) string { return "file:" + filepath.Join(t.TempDir(), "runs.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.Start(t) }},
}

// forEachBackend runs the same test against SQLite and PostgreSQL.
func forEachBackend(t *testing.T, test func(t *testing.T, dsn string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			test(t, b.dsn(t))
		})
	}
}

func open(t *testing.T, dsn string) *sqlStore {
	t.Helper()
	st, err := Open(context.Background(), dsn)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st.(*sqlStore)
}

var t0 = time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)

func repo(name string, private bool) evidence.Resource {
	return evidence.Resource{Type: "github.repository", ID: "acme/" + name,
		Scope:      evidence.Scope{Platform: "github", Org: "acme", Repo: name},
		Source:     evidence.Source{Kind: "live", Collector: "github", CollectedAt: time.Now()},
		Attributes: map[string]any{"private": private, "default_branch": "main"}}
}

func result(control string, r evidence.Resource, status finding.Status) finding.Finding {
	return finding.Finding{ControlID: control, Title: control + " title", Severity: finding.High, Status: status,
		Message:  string(status) + " on " + r.ID,
		Resource: &finding.ResourceRef{Type: r.Type, ID: r.ID, System: "platform", Source: r.Source},
		Links:    &finding.Links{Risks: []string{}, Mitigations: []string{}, Training: []string{}, Policies: []string{}}, Frameworks: map[string][]string{},
		Fingerprint: finding.Fingerprint(control, r.Type, r.ID)}
}

// sample is a run's report and evidence: one result per repository, the
// private ones passing.
func sample(at time.Time, repos ...evidence.Resource) (*report.Report, *evidence.Snapshot) {
	snap := &evidence.Snapshot{Schema: evidence.SchemaV1, Collectors: []string{"github"}, Resources: repos}
	var fs []finding.Finding
	for _, r := range repos {
		st := finding.Fail
		if r.Attributes["private"] == true {
			st = finding.Pass
		}
		fs = append(fs, result("GH-REPO-001", r, st))
	}
	eff := 0.5
	r := &report.Report{Schema: report.SchemaV1, GeneratedAt: at, Summary: finding.Summarize(fs), Findings: fs,
		Evidence:     report.EvidenceInfo{Collectors: []string{"github"}, Resources: len(repos), NotCollected: []evidence.NotCollected{}},
		Risks:        []governance.Risk{{ID: "R-1", Title: "Leak", Inherent: 20, Residual: 10, Effectiveness: &eff, AppetiteStatus: "above"}},
		RiskAppetite: 8}
	return r, snap
}

func record(t *testing.T, st Store, at time.Time, repos ...evidence.Resource) RunID {
	t.Helper()
	ctx := context.Background()
	id, err := st.Begin(ctx, Start{Trigger: "audit", Workspace: "examples/acme", Collectors: []string{"github"}, StartedAt: at})
	require.NoError(t, err)
	r, snap := sample(at, repos...)
	require.NoError(t, st.Finish(ctx, id, r, snap, "sha256:cat"))
	return id
}

func count(t *testing.T, st *sqlStore, table string) int {
	t.Helper()
	var n int
	require.NoError(t, st.db.QueryRow(`SELECT count(*) FROM `+table).Scan(&n))
	return n
}

func TestRunLifecycle(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn)
		id, err := st.Begin(ctx, Start{Trigger: "audit", Workspace: "ws", Collectors: []string{"github", "aws"}, StartedAt: t0})
		require.NoError(t, err)
		runs, err := st.Runs(ctx, 0)
		require.NoError(t, err)
		require.Len(t, runs, 1)
		assert.Equal(t, Running, runs[0].State)
		assert.Equal(t, []string{"github", "aws"}, runs[0].Collectors)
		assert.True(t, runs[0].StartedAt.Equal(t0))
		assert.True(t, runs[0].FinishedAt.IsZero())

		r, snap := sample(t0, repo("api", true), repo("web", false))
		require.NoError(t, st.Finish(ctx, id, r, snap, "sha256:cat"))
		got, err := st.Get(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, Complete, got.State)
		assert.Equal(t, "sha256:cat", got.CatalogVersion)
		assert.Equal(t, finding.Summary{Total: 2, Pass: 1, Fail: 1}, got.Summary)
		assert.Equal(t, 2, got.Resources)
		assert.False(t, got.FinishedAt.IsZero())
		want, _ := json.Marshal(r)
		have, _ := json.Marshal(got.Report)
		assert.JSONEq(t, string(want), string(have), "the report comes back as it was recorded")
		require.Len(t, got.ContentHash, 2)
		h, err := ContentHash(repo("api", true))
		require.NoError(t, err)
		assert.Equal(t, h, got.ContentHash[ResourceKey("github.repository", "acme/api")])
		assert.Equal(t, evidence.Scope{Platform: "github", Org: "acme", Repo: "web"}, got.Scopes[ResourceKey("github.repository", "acme/web")])
		res, err := st.Resource(ctx, h)
		require.NoError(t, err)
		assert.Equal(t, "acme/api", res.ID)
		assert.Equal(t, true, res.Attributes["private"])

		// Finishing twice, or aborting a complete run, is refused.
		assert.ErrorContains(t, st.Finish(ctx, id, r, snap, "x"), "it is complete, not running")
		assert.ErrorContains(t, st.Abort(ctx, id, "late"), "it is complete, not running")
		var nf []error
		_, err = st.Get(ctx, 999)
		nf = append(nf, err)
		_, err = st.Resource(ctx, "0000")
		nf = append(nf, err)
		nf = append(nf, st.Abort(ctx, 999, "x"))
		for _, err := range nf {
			assert.ErrorIs(t, err, ErrNotFound)
		}
	})
}

// A resource unchanged since any earlier run is stored once; only the
// changed one adds a row, and an unchanged run adds no evidence map.
func TestResourcesStoredOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		st := open(t, dsn)
		a, b := repo("api", true), repo("web", false)
		record(t, st, t0, a, b)
		assert.Equal(t, 2, count(t, st, "resources"))
		assert.Equal(t, 1, count(t, st, "evidence_maps"))
		b2 := repo("web", false) // collected again, later: same content
		record(t, st, t0.Add(time.Hour), a, b2)
		assert.Equal(t, 2, count(t, st, "resources"))
		assert.Equal(t, 1, count(t, st, "evidence_maps"))
		b3 := repo("web", true) // made private
		record(t, st, t0.Add(2*time.Hour), a, b3)
		assert.Equal(t, 3, count(t, st, "resources"))
		assert.Equal(t, 2, count(t, st, "evidence_maps"))
		assert.Equal(t, 6, count(t, st, "findings"), "every run keeps its findings, pass included")
		assert.Equal(t, 2, count(t, st, "finding_keys"), "a finding's key is stored once")
		assert.Equal(t, 3, count(t, st, "finding_results"), "web's fail, web's pass, api's pass")
	})
}

func TestHistoryAndLatest(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn)
		first := record(t, st, t0, repo("web", false))
		aborted, err := st.Begin(ctx, Start{Trigger: "audit", StartedAt: t0.Add(30 * time.Minute)})
		require.NoError(t, err)
		require.NoError(t, st.Abort(ctx, aborted, "interrupted (Ctrl-C)"))
		second := record(t, st, t0.Add(time.Hour), repo("web", true))

		latest, err := st.Latest(ctx, 5)
		require.NoError(t, err)
		require.Len(t, latest, 2)
		assert.Equal(t, []RunID{second, first}, []RunID{latest[0].ID, latest[1].ID})
		runs, err := st.Runs(ctx, 2)
		require.NoError(t, err)
		assert.Equal(t, []RunID{second, aborted}, []RunID{runs[0].ID, runs[1].ID})
		assert.Equal(t, Incomplete, runs[1].State)
		assert.Equal(t, "interrupted (Ctrl-C)", runs[1].Reason)
		inc, err := st.Get(ctx, aborted)
		require.NoError(t, err)
		assert.Nil(t, inc.Report, "an incomplete run has no report")

		hist, err := st.History(ctx, finding.Fingerprint("GH-REPO-001", "github.repository", "acme/web"))
		require.NoError(t, err)
		require.Len(t, hist, 2)
		assert.Equal(t, []finding.Status{finding.Fail, finding.Pass}, []finding.Status{hist[0].Status, hist[1].Status})
		assert.Equal(t, first, hist[0].Run)
		assert.True(t, hist[0].StartedAt.Equal(t0))
	})
}

// Finish is one transaction: when a part of it fails nothing of the run is
// written and it stays Running, to be aborted.
func TestFinishIsAllOrNothing(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn)
		id, err := st.Begin(ctx, Start{Trigger: "audit", StartedAt: t0})
		require.NoError(t, err)
		r, snap := sample(t0, repo("api", true), repo("web", false))
		r.Findings = append(r.Findings, r.Findings[0]) // a duplicate fingerprint fails the findings insert
		err = st.Finish(ctx, id, r, snap, "c")
		require.ErrorContains(t, err, "appears twice")
		for _, table := range []string{"findings", "run_findings", "finding_keys", "finding_results", "reports", "resources", "evidence_maps", "run_risks"} {
			assert.Equal(t, 0, count(t, st, table), table)
		}
		got, err := st.Get(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, Running, got.State)

		// A cancelled context mid-Finish leaves nothing either.
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		r, snap = sample(t0, repo("api", true))
		require.Error(t, st.Finish(cctx, id, r, snap, "c"))
		assert.Equal(t, 0, count(t, st, "findings"))
		require.NoError(t, st.Abort(ctx, id, "collector github failed"))
		got, err = st.Get(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, Incomplete, got.State)
		assert.Equal(t, "collector github failed", got.Reason)
	})
}

func TestRecover(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		dead := open(t, dsn)
		dead.owner = owner{host: "box", pid: 101}
		crashed, err := dead.Begin(ctx, Start{Trigger: "audit", StartedAt: t0})
		require.NoError(t, err)
		// Enqueued by the dead process, finished by the workers (internal/worker).
		queued, err := dead.Begin(ctx, Start{Trigger: "audit", StartedAt: t0, Queued: true})
		require.NoError(t, err)
		live := open(t, dsn)
		live.owner = owner{host: "box", pid: 102}
		stillGoing, err := live.Begin(ctx, Start{Trigger: "schedule:nightly", StartedAt: t0})
		require.NoError(t, err)
		elsewhere := open(t, dsn)
		elsewhere.owner = owner{host: "other", pid: 101}
		remote, err := elsewhere.Begin(ctx, Start{Trigger: "api", StartedAt: t0})
		require.NoError(t, err)

		next := open(t, dsn)
		next.owner = owner{host: "box", pid: 103}
		next.alive = func(pid int) bool { return pid == 102 }
		got, err := next.Recover(ctx)
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.Equal(t, crashed, got[0].ID)
		assert.Equal(t, Incomplete, got[0].State)
		assert.Equal(t, RecoverReason, got[0].Reason)
		for id, want := range map[RunID]State{crashed: Incomplete, stillGoing: Running, remote: Running, queued: Running} {
			r, err := next.Get(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, want, r.State, "run %d", id)
		}
		again, err := next.Recover(ctx)
		require.NoError(t, err)
		assert.Empty(t, again, "a run is recovered once")
	})
}

func TestConcurrentRuns(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		st := open(t, dsn)
		var wg sync.WaitGroup
		ids := make([]RunID, 8)
		errs := make([]error, 8)
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx := context.Background()
				id, err := st.Begin(ctx, Start{Trigger: "audit", StartedAt: t0})
				if err != nil {
					errs[i] = err
					return
				}
				ids[i] = id
				r, snap := sample(t0, repo("api", true), repo(fmt.Sprintf("r%d", i), false))
				errs[i] = st.Finish(ctx, id, r, snap, "c")
			}()
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		for i := 1; i < len(ids); i++ {
			assert.NotEqual(t, ids[i-1], ids[i])
		}
		assert.Equal(t, 9, count(t, st, "resources"), "the shared repository is stored once")
	})
}

func TestNewerSchemaRefused(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		st := open(t, dsn)
		var v int
		require.NoError(t, st.db.QueryRow(`SELECT MAX(version) FROM schema_version`).Scan(&v))
		assert.Equal(t, SchemaVersion(), v)
		_, err := st.db.Exec(st.d.rebind(`INSERT INTO schema_version (version, applied_at) VALUES (?, 0)`), SchemaVersion()+1)
		require.NoError(t, err)
		_, err = Open(context.Background(), dsn)
		require.ErrorIs(t, err, ErrNewerSchema)
		assert.ErrorContains(t, err, fmt.Sprintf("the store is at schema version %d, this build of rampart knows versions up to %d", SchemaVersion()+1, SchemaVersion()))
	})
}

// Reopening applies nothing twice.
func TestReopen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		st := open(t, dsn)
		record(t, st, t0, repo("api", true))
		again := open(t, dsn)
		assert.Equal(t, SchemaVersion(), count(t, again, "schema_version"))
		runs, err := again.Runs(context.Background(), 0)
		require.NoError(t, err)
		assert.Len(t, runs, 1)
	})
}

// One schema: both dialects' migrations create the same tables with the
// same columns.
func TestDialectsHaveOneSchema(t *testing.T) {
	sq, err := dialectMigrations(sqliteDialect)
	require.NoError(t, err)
	pg, err := dialectMigrations(postgresDialect)
	require.NoError(t, err)
	require.Equal(t, len(sq), len(pg))
	for i := range sq {
		assert.Equal(t, sq[i].name, pg[i].name)
	}
	lite := open(t, backends[0].dsn(t))
	post := open(t, backends[1].dsn(t))
	liteCols := columns(t, lite.db, `SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'`)
	postCols := columns(t, post.db, `SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'`)
	assert.Equal(t, liteCols, postCols)
	assert.Contains(t, liteCols, "findings.fingerprint")
}

func columns(t *testing.T, db *sql.DB, q string) []string {
	rows, err := db.Query(q)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		out = append(out, s)
	}
	require.NoError(t, rows.Err())
	sort.Strings(out)
	return out
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	_, err := Open(ctx, "")
	assert.ErrorContains(t, err, "empty DSN")
	_, err = Open(ctx, "file:")
	assert.ErrorContains(t, err, "names no path")
	_, err = Open(ctx, "postgres://rampart:secret@127.0.0.1:1/none?connect_timeout=2")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "secret", "the password never reaches a message")
}
