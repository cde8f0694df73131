package history

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/governance"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/store/pgtest"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// scripted is one run of the trend history: results by resource, the
// resources in the evidence, gaps and whether the evidence was cut short.
type scripted struct {
	at         time.Time
	results    []scriptedResult
	evidence   []evidence.Resource
	gaps       []evidence.NotCollected
	incomplete bool
	residual   int
}

type scriptedResult struct {
	control  string
	resource evidence.Resource
	status   finding.Status
	system   string
}

func ghRepo(name string) evidence.Resource {
	return evidence.Resource{Type: "github.repository", ID: "acme/" + name, Scope: evidence.Scope{Platform: "github", Org: "acme", Repo: name},
		Source: evidence.Source{Kind: "live", Collector: "github"}, Attributes: map[string]any{"name": name}}
}

func s3Bucket(name string) evidence.Resource {
	return evidence.Resource{Type: "aws.s3.bucket", ID: "arn:aws:s3:::" + name, Scope: evidence.Scope{Platform: "aws", AccountID: "111122223333", Region: "eu-west-1"},
		Source: evidence.Source{Kind: "live", Collector: "aws"}, Attributes: map[string]any{"name": name}}
}

// trendHistory covers every way an episode opens, stays open and closes:
// resolved by a pass, by its resource being deleted from a scope that was
// collected; kept open by not_evaluated, waived, a scope not collected and
// evidence cut short; reopened; with two systems, a risk and framework
// references over time.
func trendHistory() []scripted {
	a, b, c, d, e, f := ghRepo("a"), ghRepo("b"), ghRepo("c"), ghRepo("d"), ghRepo("e"), ghRepo("f")
	x, y := s3Bucket("x"), s3Bucket("y")
	gh, s3 := "GH-REPO-001", "AWS-S3-001"
	r := func(control string, res evidence.Resource, st finding.Status) scriptedResult {
		sys := "platform"
		if res.Type == "aws.s3.bucket" {
			sys = "data"
		}
		return scriptedResult{control: control, resource: res, status: st, system: sys}
	}
	s3gap := evidence.NotCollected{ResourceType: "aws.s3.bucket", Scope: evidence.Scope{Platform: "aws", AccountID: "111122223333"},
		ScopeID: "aws:111122223333", Reason: "AccessDenied: s3:ListAllMyBuckets"}
	day := func(n int) time.Time { return t0.Add(time.Duration(n) * 24 * time.Hour) }
	return []scripted{
		{at: day(0), residual: 12, evidence: []evidence.Resource{a, b, c, d, e, x},
			results: []scriptedResult{r(gh, a, finding.Fail), r(gh, b, finding.Fail), r(gh, c, finding.Pass), r(gh, d, finding.Fail), r(gh, e, finding.Fail), r(s3, x, finding.Fail)}},
		// a passes; b is deleted; d cannot be checked; e is waived; x's
		// scope was not collected (y was listed before the listing failed).
		{at: day(1), residual: 10, evidence: []evidence.Resource{a, c, d, e, y}, gaps: []evidence.NotCollected{s3gap},
			results: []scriptedResult{r(gh, a, finding.Pass), r(gh, c, finding.Pass), r(gh, d, finding.NotEvaluated), r(gh, e, finding.Waived), r(s3, y, finding.Pass)}},
		// a fails again; d passes; x is back, failing; c is absent but the evidence was cut short.
		{at: day(3), residual: 9, incomplete: true, evidence: []evidence.Resource{a, d, e, x},
			results: []scriptedResult{r(gh, a, finding.Fail), r(gh, d, finding.Pass), r(gh, e, finding.Fail), r(s3, x, finding.Fail)}},
		// f is new and failing; x passes; a errors.
		{at: day(6), residual: 6, evidence: []evidence.Resource{a, c, d, e, f, x},
			results: []scriptedResult{r(gh, a, finding.Error), r(gh, c, finding.Pass), r(gh, d, finding.Pass), r(gh, e, finding.Fail), r(gh, f, finding.Fail), r(s3, x, finding.Pass)}},
	}
}

func (s scripted) report() (*report.Report, *evidence.Snapshot) {
	var fs []finding.Finding
	refs := map[string]*governance.Counts{"1.1": {}, "1.2": {}}
	for _, x := range s.results {
		fs = append(fs, finding.Finding{ControlID: x.control, Title: x.control, Severity: finding.High, Status: x.status,
			Message:  string(x.status) + " on " + x.resource.ID,
			Resource: &finding.ResourceRef{Type: x.resource.Type, ID: x.resource.ID, System: x.system, Source: x.resource.Source},
			Links:    &finding.Links{Risks: []string{}, Mitigations: []string{}, Training: []string{}, Policies: []string{}}, Frameworks: map[string][]string{},
			Fingerprint: finding.Fingerprint(x.control, x.resource.Type, x.resource.ID)})
		c := refs["1.1"]
		if x.control == "AWS-S3-001" {
			c = refs["1.2"]
		}
		switch x.status {
		case finding.Pass:
			c.Pass++
		case finding.Fail:
			c.Fail++
		case finding.Error:
			c.Error++
		case finding.NotEvaluated:
			c.NotEvaluated++
		case finding.Waived:
			c.Waived++
		}
	}
	gaps := s.gaps
	if gaps == nil {
		gaps = []evidence.NotCollected{}
	}
	r := &report.Report{Schema: report.SchemaV1, GeneratedAt: s.at, Summary: finding.Summarize(fs), Findings: fs,
		Evidence: report.EvidenceInfo{Collectors: []string{"github", "aws"}, Resources: len(s.evidence), NotCollected: gaps, Incomplete: s.incomplete},
		Risks: []governance.Risk{
			{ID: "R-2", Title: "Outage", Inherent: 16, Residual: 16, AppetiteStatus: "above"},
			{ID: "R-1", Title: "Leak", Inherent: 20, Residual: s.residual, AppetiteStatus: map[bool]governance.AppetiteStatus{true: "above", false: "within"}[s.residual > 8]},
		},
		Frameworks: []governance.Framework{{Name: "cis-github-1.0", References: []governance.Reference{
			{Ref: "1.1", Status: "fail", Controls: []governance.FrameworkControl{{ID: "GH-REPO-001", Results: *refs["1.1"]}}},
			{Ref: "1.2", Status: "fail", Controls: []governance.FrameworkControl{{ID: "AWS-S3-001", Results: *refs["1.2"]}}},
			{Ref: "1.3", Status: "not_tested", Controls: []governance.FrameworkControl{}},
		}}},
		RiskAppetite: 8}
	return r, &evidence.Snapshot{Schema: evidence.SchemaV1, Collectors: []string{"github", "aws"}, Resources: s.evidence}
}

// TestTrendsFromRowsAreTheReportTrends: the trends computed from the
// store's rows (no report decoded) are exactly those of the decoded
// reports, on SQLite and PostgreSQL, over every window, and again after
// the rows are rebuilt from the reports (a store written before schema 2).
func TestTrendsFromRowsAreTheReportTrends(t *testing.T) {
	for _, backend := range []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return "file:" + filepath.Join(t.TempDir(), "runs.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.Start(t) }},
	} {
		t.Run(backend.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			dsn := backend.dsn(t)
			st, err := store.Open(ctx, dsn)
			require.NoError(t, err)
			defer func() { st.Close() }()
			// An incomplete run in the middle: the trends read complete runs only.
			for i, s := range trendHistory() {
				id, err := st.Begin(ctx, store.Start{Trigger: "audit", Workspace: "ws", StartedAt: s.at})
				require.NoError(t, err)
				rep, snap := s.report()
				require.NoError(t, st.Finish(ctx, id, rep, snap, "sha256:cat"))
				if i == 1 {
					id, err := st.Begin(ctx, store.Start{Trigger: "audit", Workspace: "ws", StartedAt: s.at.Add(time.Hour)})
					require.NoError(t, err)
					require.NoError(t, st.Abort(ctx, id, "interrupted"))
				}
			}
			fromReports := func(n int) *Trends {
				runs, err := st.Latest(ctx, n)
				require.NoError(t, err)
				var recs []*store.Recorded
				for i := len(runs) - 1; i >= 0; i-- {
					rec, err := st.Get(ctx, runs[i].ID)
					require.NoError(t, err)
					recs = append(recs, rec)
				}
				return ComputeTrends(recs)
			}
			fromRows := func(n int) (*Trends, int) {
				data, err := st.Trends(ctx, n)
				require.NoError(t, err)
				loads := 0
				tr, err := TrendsFromRows(ctx, data, func(ctx context.Context, id store.RunID) (map[string]string, map[string]evidence.Scope, error) {
					loads++
					return st.EvidenceMap(ctx, id)
				})
				require.NoError(t, err)
				return tr, loads
			}
			for n := range 5 {
				rows, _ := fromRows(n)
				assert.Equal(t, fromReports(n), rows, "window of %d runs", n)
			}

			all, loads := fromRows(0)
			assert.Equal(t, 2, loads, "evidence maps are read only around an open failure without a result: runs 1 and 2 (b deleted, x not collected)")
			byKey := map[string]Resolution{}
			for _, r := range all.Controls {
				byKey[r.Key] = r
			}
			// a: opened day 0, passed day 1 (24 h), reopened day 3, still open (error on day 6: 72 h);
			// b: deleted on day 1 (24 h); d: passed on day 3 (72 h); e: open since day 0 (waived does not close it): 144 h;
			// f: open since day 6 (0 h).
			assert.Equal(t, Resolution{Key: "GH-REPO-001", Resolved: 3, MTTRHours: 40, Open: 3, OldestOpenHours: 144, MeanOpenHours: 72}, byKey["GH-REPO-001"])
			// x: open day 0; the gap on day 1 does not resolve it; passes day 6.
			assert.Equal(t, Resolution{Key: "AWS-S3-001", Resolved: 1, MTTRHours: 144}, byKey["AWS-S3-001"])
			require.Len(t, all.Risks, 2)
			assert.Equal(t, "Leak", all.Risks[0].Title)
			assert.Equal(t, []int{12, 10, 9, 6}, []int{all.Risks[0].Points[0].Residual, all.Risks[0].Points[1].Residual, all.Risks[0].Points[2].Residual, all.Risks[0].Points[3].Residual})
			require.Len(t, all.Frameworks, 3)
			assert.InDelta(t, 0.2, *all.Frameworks[0].Points[0].PassRate, 1e-9, "1.1 on day 0: 1 pass of 5")
			assert.InDelta(t, 1.0, *all.Frameworks[1].Points[1].PassRate, 1e-9, "1.2 on day 1: y passes")
			assert.Nil(t, all.Frameworks[2].Points[0].PassRate, "1.3: nothing judged")

			// A store written before schema 2 has no trend rows: they are
			// rebuilt from the reports when it is opened.
			require.NoError(t, st.Close())
			wipeTrendRows(t, dsn)
			st, err = store.Open(ctx, dsn)
			require.NoError(t, err)
			rebuilt, _ := fromRows(0)
			assert.Equal(t, all, rebuilt)
		})
	}
}

// wipeTrendRows makes the store look written before schema 2: no gaps,
// references or risk titles, no run marked as having them.
func wipeTrendRows(t *testing.T, dsn string) {
	t.Helper()
	driver, name := "pgx", dsn
	if path, ok := strings.CutPrefix(dsn, "file:"); ok {
		driver, name = "sqlite", path
	}
	db, err := sql.Open(driver, name)
	require.NoError(t, err)
	defer db.Close()
	for _, q := range []string{`DELETE FROM run_gaps`, `DELETE FROM run_references`, `UPDATE run_risks SET title = ''`, `UPDATE runs SET trend_rows = 0`} {
		_, err := db.Exec(q)
		require.NoError(t, err, q)
	}
}
