package worker_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/clitest"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
	"github.com/rampart-audit/rampart/internal/verdict"
	"github.com/rampart-audit/rampart/internal/worker"
)

// The distributed commands refuse what they cannot do, with the reason
// and exit 2, before touching any database.
func TestDistributedCommandsRefuse(t *testing.T) {
	db := "file:" + filepath.Join(t.TempDir(), "runs.db")
	ws := worker.Workspace(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"worker on SQLite", []string{"worker", "--store", db},
			"rampart worker needs a PostgreSQL store (--store postgres://…): --store " + db + " is a SQLite store"},
		{"worker without a store", []string{"worker"}, "rampart worker needs a PostgreSQL store (--store postgres://…): no --store was given"},
		{"enqueue on SQLite", []string{"enqueue", ws, "--store", db, "--collect", "github"}, "rampart enqueue needs a PostgreSQL store"},
		{"enqueue collecting nothing", []string{"enqueue", ws, "--store", "postgres://localhost/x"}, "pass --collect github and/or --collect aws"},
		{"rescue before the timeout", []string{"worker", "--store", "postgres://localhost/x", "--job-timeout", "1m", "--rescue-after", "30s"},
			"--rescue-after 30s must be longer than --job-timeout 1m0s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := clitest.Run(t, tc.args...)
			assert.Equal(t, verdict.ExitInput, code, errOut)
			assert.Contains(t, errOut, tc.want)
			assert.Empty(t, out)
		})
	}
}

// `rampart enqueue` end to end: the run is enqueued, a worker collects
// and judges it, the command follows its progress, writes the recorded
// report and exits with the audit's verdict of it.
func TestEnqueueFollowsTheRunToItsReport(t *testing.T) {
	si := worker.StandIn(t, githubtest.Acme(), 0)
	_, st, dsn := inProcess(t, si.Getenv)
	ws := worker.Workspace(t)
	out, errOut, code := clitest.Run(t, "enqueue", ws, "--store", dsn, "--collect", "github", "--collect", "aws",
		"--github-shards", "3", "--format", "json", "--poll", "100ms")
	assert.Contains(t, errOut, "rampart enqueue: run 1 enqueued")
	assert.Contains(t, errOut, "run 1: done, 14/14 parts collected")
	var r report.Report
	require.NoError(t, json.Unmarshal([]byte(out), &r), errOut)
	rec, err := st.Get(t.Context(), 1)
	require.NoError(t, err)
	require.Equal(t, store.Complete, rec.State)
	assert.Equal(t, rec.Report.Summary, r.Summary)
	assert.Equal(t, verdict.Audit(rec.Report, finding.Low), code, errOut)
	assert.Equal(t, rec.Resources, r.Evidence.Resources)
}
