package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/pipeline"
	"github.com/rampart-audit/rampart/internal/store"
)

// generatedOrg is an organisation of n repositories made from the example
// workspace's recorded repositories (examples/acme/evidence/github.json),
// cycled and renamed, with its organisation and members. changed lists the
// repositories (by index) whose content differs from the base: their
// vulnerability alerts are switched and they were pushed to again.
func generatedOrg(tb testing.TB, n int, changed map[int]bool) *evidence.Snapshot {
	tb.Helper()
	base, err := evidence.Load(filepath.Join(acme, "evidence", "github.json"))
	require.NoError(tb, err)
	var repos, rest []evidence.Resource
	for _, r := range base.Resources {
		if r.Type == evidence.TypeGitHubRepository {
			repos = append(repos, r)
		} else {
			rest = append(rest, r)
		}
	}
	require.NotEmpty(tb, repos)
	out := &evidence.Snapshot{Schema: evidence.SchemaV1, CollectedAt: base.CollectedAt, Collectors: base.Collectors, Resources: rest}
	for i := range n {
		tmpl := repos[i%len(repos)]
		r := tmpl
		name := fmt.Sprintf("svc-%05d", i)
		r.ID = "github.com/" + tmpl.Scope.Org + "/" + name
		r.Scope.Repo = name
		r.Attributes = make(map[string]any, len(tmpl.Attributes))
		for k, v := range tmpl.Attributes {
			r.Attributes[k] = v
		}
		r.Attributes["name"], r.Attributes["full_name"] = name, tmpl.Scope.Org+"/"+name
		if changed[i] {
			on, _ := r.Attributes["vulnerability_alerts_enabled"].(bool)
			r.Attributes["vulnerability_alerts_enabled"] = !on
			r.Attributes["pushed_at"] = "2026-11-21T08:00:00Z"
		}
		out.Resources = append(out.Resources, r)
	}
	return out
}

// storeBytes is the size of a closed SQLite store (its WAL folded in).
func storeBytes(tb testing.TB, path string) int64 {
	tb.Helper()
	info, err := os.Stat(path)
	require.NoError(tb, err)
	if _, err := os.Stat(path + "-wal"); err == nil {
		tb.Fatalf("%s-wal is still there: the store was not closed", path)
	}
	return info.Size()
}

// BenchmarkStoreBytesPerRun records three audits of a generated
// organisation of 20,000 repositories in one SQLite store — the first, an
// unchanged second run, and a third with 1 % of the repositories changed —
// and reports the bytes each run added to the store and their ratio to the
// first run's (docs/serve.md "Size"):
//
//	go test ./internal/runner/ -run '^$' -bench StoreBytesPerRun -benchtime 1x
func BenchmarkStoreBytesPerRun(b *testing.B) {
	const repos = 20000
	in, err := pipeline.Load(context.Background(), nil, "", acme)
	require.NoError(b, err)
	changed := map[int]bool{}
	for i := 0; i < repos; i += 100 {
		changed[i] = true
	}
	var first, unchanged, onePct, findings float64
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "runs.db")
		size := int64(0)
		record := func(snap *evidence.Snapshot, day int) float64 {
			st, err := store.Open(context.Background(), "file:"+path)
			require.NoError(b, err)
			now := time.Date(2026, 11, 20+day, 6, 0, 0, 0, time.UTC)
			r, _, err := Audit(context.Background(), st, pipeline.Config{Inputs: in, Workspace: acme,
				Evidence: []*evidence.Snapshot{snap}, Now: func() time.Time { return now }}, store.Start{Trigger: "bench"})
			require.NoError(b, err)
			require.NoError(b, st.Close())
			findings = float64(len(r.Findings))
			grown := storeBytes(b, path) - size
			size += grown
			return float64(grown)
		}
		first += record(generatedOrg(b, repos, nil), 0)
		unchanged += record(generatedOrg(b, repos, nil), 1)
		onePct += record(generatedOrg(b, repos, changed), 2)
	}
	n := float64(b.N)
	b.ReportMetric(first/n, "first-bytes/run")
	b.ReportMetric(unchanged/n, "unchanged-bytes/run")
	b.ReportMetric(onePct/n, "1%changed-bytes/run")
	b.ReportMetric(unchanged/first, "unchanged/first")
	b.ReportMetric(onePct/first, "1%changed/first")
	b.ReportMetric(findings, "findings/run")
}
