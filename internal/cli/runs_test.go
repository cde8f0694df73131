package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/store"
)

// beginRunEnv makes this test binary, re-run, begin a run in the store it
// names and exit without finishing it: a crashed audit (main_test.go).
const beginRunEnv = "RAMPART_TEST_BEGIN_RUN"

func beginRunAndExit(dsn string) int {
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		return 1
	}
	if _, err := st.Begin(context.Background(), store.Start{Trigger: "audit", StartedAt: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}); err != nil {
		return 1
	}
	return 0 // the process ends with the run Running, as a crash leaves it
}

func TestAuditStoreAndRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dsn := "file:" + filepath.Join(dir, "runs.db")

	// A crashed audit left a run Running; the next audit says so.
	crash := exec.Command(os.Args[0], "-test.run=^$")
	crash.Env = append(os.Environ(), beginRunEnv+"="+dsn)
	out, err := crash.CombinedOutput()
	require.NoError(t, err, "%s", out)

	// Every report format of the first audit, to compare with runs show.
	args := []string{"audit", "../../examples/acme", "--store", dsn}
	for _, f := range report.Formats() {
		args = append(args, "--format", f+"="+filepath.Join(dir, "audit."+f))
	}
	first := run(t, args...)
	assert.Equal(t, 3, first.code, first.stderr) // the example has not_evaluated results, as TestAuditExitCodes says
	assert.Contains(t, first.stderr, "run 1 (started 2026-11-26 09:00:00Z) did not finish: marked incomplete\n")
	assert.Contains(t, first.stderr, "recorded run 2 in "+strings.TrimPrefix(dsn, "file:"))

	second := runEnv(t, map[string]string{StoreEnv: dsn}, "audit", "../../examples/acme", "--format", "json")
	assert.Equal(t, 3, second.code, second.stderr)
	assert.Contains(t, second.stderr, "recorded run 3")
	assert.Contains(t, first.stderr, "every result evaluated", "the first run has nothing to reuse")
	assert.Regexp(t, `recorded run 3 in \S+ \([1-9][0-9]* of [0-9]+ results reused from run 2\)`, second.stderr)
	assert.NotContains(t, second.stderr, "did not finish", "a run is recovered once")

	list := run(t, "runs", "list", "--store", dsn, "--format", "json")
	require.Equal(t, 0, list.code, list.stderr)
	var runs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(list.stdout), &runs))
	require.Len(t, runs, 3)
	assert.Equal(t, []any{3.0, 2.0, 1.0}, []any{runs[0]["id"], runs[1]["id"], runs[2]["id"]})
	assert.Equal(t, "incomplete", runs[2]["state"])
	assert.Equal(t, true, runs[0]["incremental"])
	assert.Greater(t, runs[0]["results_reused"], 0.0)
	assert.Equal(t, store.RecoverReason, runs[2]["reason"])
	text := run(t, "runs", "list", "--store", dsn)
	assert.Contains(t, text.stdout, "complete")

	for _, f := range report.Formats() {
		t.Run("show "+f, func(t *testing.T) {
			show := run(t, "runs", "show", "2", "--store", dsn, "--format", f)
			require.Equal(t, 0, show.code, show.stderr)
			want, err := os.ReadFile(filepath.Join(dir, "audit."+f))
			require.NoError(t, err)
			assert.Equal(t, string(want), show.stdout, "runs show renders the run as the audit wrote it")
		})
	}
	latest := run(t, "runs", "show", "latest", "--store", dsn, "--format", "json")
	require.Equal(t, 0, latest.code, latest.stderr)
	assert.Equal(t, second.stdout, latest.stdout)

	diff := run(t, "runs", "diff", "--store", dsn)
	require.Equal(t, 0, diff.code, diff.stderr)
	assert.Contains(t, diff.stdout, "run 2 (")
	assert.Contains(t, diff.stdout, "→ run 3 (")
	assert.Contains(t, diff.stdout, "nothing changed")
	for _, f := range []string{"json", "markdown", "html"} {
		r := run(t, "runs", "diff", "2", "3", "--store", dsn, "--format", f)
		require.Equal(t, 0, r.code, r.stderr)
		assert.NotEmpty(t, r.stdout)
		tr := run(t, "runs", "trends", "--store", dsn, "--format", f)
		require.Equal(t, 0, tr.code, tr.stderr)
		assert.NotEmpty(t, tr.stdout)
	}
	trends := run(t, "runs", "trends", "--store", dsn)
	require.Equal(t, 0, trends.code, trends.stderr)
	assert.Contains(t, trends.stdout, "Trends over 2 run(s)")
	assert.Contains(t, trends.stdout, "Residual risk by run")

	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"runs", "show", "1"}, 3, "run 1 is incomplete (" + store.RecoverReason + "): it has no report"},
		{[]string{"runs", "show", "9"}, 2, "run 9 is not in the store"},
		{[]string{"runs", "show", "x"}, 2, `run "x": want a run ID`},
		{[]string{"runs", "diff", "2"}, 2, "two runs (A B) or none"},
		{[]string{"runs", "diff", "1", "2"}, 3, "run 1 is incomplete"},
		{[]string{"runs", "list", "--format", "sarif"}, 2, `unknown format "sarif"`},
	} {
		r := run(t, append(tt.args, "--store", dsn)...)
		assert.Equal(t, tt.code, r.code, "%v: %s", tt.args, r.stderr)
		assert.Contains(t, r.stderr, tt.msg, tt.args)
	}

	// Retention: runs 1 (incomplete) and 2 go, run 3 and what it references stay.
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"runs", "prune"}, "runs prune needs --keep-last N or --older-than DURATION"},
		{[]string{"runs", "prune", "--older-than", "5x"}, "--older-than: "},
		{[]string{"runs", "prune", "--keep-last", "-1"}, "--keep-last: -1 is negative"},
	} {
		r := run(t, append(tt.args, "--store", dsn)...)
		assert.Equal(t, 2, r.code, "%v: %s", tt.args, r.stderr)
		assert.Contains(t, r.stderr, tt.msg, tt.args)
	}
	dry := run(t, "runs", "prune", "--keep-last", "1", "--dry-run", "--store", dsn)
	require.Equal(t, 0, dry.code, dry.stderr)
	assert.Contains(t, dry.stdout, "runs prune: would delete 2 runs (keep the last 1 complete runs): 1, 2\n")
	// With both rules a run goes only when neither keeps it: run 2 began
	// less than an hour ago (the test's clock), run 1 a day before.
	both := run(t, "runs", "prune", "--keep-last", "1", "--older-than", "1h", "--store", dsn)
	require.Equal(t, 0, both.code, both.stderr)
	assert.Contains(t, both.stdout, "runs prune: deleted 1 runs (keep the last 1 complete runs, keep runs begun since 2026-11-27T08:00:00Z): 1\n")
	prune := run(t, "runs", "prune", "--keep-last", "1", "--store", dsn)
	require.Equal(t, 0, prune.code, prune.stderr)
	assert.Contains(t, prune.stdout, "runs prune: deleted 1 runs (keep the last 1 complete runs): 2\n")
	assert.Regexp(t, `runs prune: [1-9]\d* bytes freed: reports [1-9]\d*, resources 0 \(0\), evidence maps 0 \(0\)`, prune.stdout,
		"runs 2 and 3 audited the same evidence: only the report is freed")
	list = run(t, "runs", "list", "--store", dsn, "--format", "json")
	require.Equal(t, 0, list.code, list.stderr)
	require.NoError(t, json.Unmarshal([]byte(list.stdout), &runs))
	require.Len(t, runs, 1)
	assert.Equal(t, 3.0, runs[0]["id"])
	latest = run(t, "runs", "show", "latest", "--store", dsn, "--format", "json")
	require.Equal(t, 0, latest.code, latest.stderr)
	assert.Equal(t, second.stdout, latest.stdout, "the kept run is whole")
	again := run(t, "runs", "prune", "--keep-last", "1", "--store", dsn)
	require.Equal(t, 0, again.code, again.stderr)
	assert.Contains(t, again.stdout, "runs prune: nothing to delete")
}

func TestRunsStoreErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// No store named and none at the default path: reading creates nothing.
	r := runEnv(t, map[string]string{"XDG_DATA_HOME": dir}, "runs", "list")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "no run store at "+filepath.Join(dir, "rampart", "rampart.db"))
	_, err := os.Stat(filepath.Join(dir, "rampart"))
	assert.True(t, os.IsNotExist(err))

	one := "file:" + filepath.Join(dir, "one.db")
	require.Equal(t, 3, run(t, "audit", "../../examples/acme", "--store", one, "--format", "json").code)
	d := run(t, "runs", "diff", "--store", one)
	assert.Equal(t, 2, d.code)
	assert.Contains(t, d.stderr, "the store holds 1 complete run(s): a diff needs two")

	// A store that is not a database: exit 2 before anything is audited.
	bad := filepath.Join(dir, "not-a-db")
	require.NoError(t, os.WriteFile(bad, []byte("hello, this is not SQLite at all, just text that is long enough"), 0o644))
	a := run(t, "audit", "../../examples/acme", "--store", "file:"+bad)
	assert.Equal(t, 2, a.code)
	assert.Contains(t, a.stderr, "--store: open store "+bad)
}

// An audit whose evidence cannot be read is recorded incomplete with the reason.
func TestAuditStoreRecordsFailure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dsn := "file:" + filepath.Join(dir, "runs.db")
	r := run(t, "audit", "../../examples/acme", "--store", dsn, "--evidence", filepath.Join(dir, "missing.json"))
	assert.Equal(t, 2, r.code, r.stderr)
	assert.Contains(t, r.stderr, "run 1 recorded as incomplete")
	list := run(t, "runs", "list", "--store", dsn)
	assert.Contains(t, list.stdout, "incomplete")
	assert.Contains(t, list.stdout, "missing.json")
}

// TestAuditNoIncremental: --no-incremental evaluates every result and
// the run says it reused none; the run after it still reuses the results
// the first run kept.
func TestAuditNoIncremental(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dsn := "file:" + filepath.Join(dir, "runs.db")
	path := strings.TrimPrefix(dsn, "file:")
	first := run(t, "audit", "../../examples/acme", "--store", dsn, "--format", "json")
	require.Equal(t, 3, first.code, first.stderr)
	full := run(t, "audit", "../../examples/acme", "--store", dsn, "--format", "json", "--no-incremental")
	require.Equal(t, 3, full.code, full.stderr)
	assert.Contains(t, full.stderr, "recorded run 2 in "+path+"\n")
	assert.NotContains(t, full.stderr, "reused")
	assert.Equal(t, first.stdout, full.stdout, "the same report, evaluated in full")
	again := run(t, "audit", "../../examples/acme", "--store", dsn, "--format", "json")
	require.Equal(t, 3, again.code, again.stderr)
	assert.Contains(t, again.stderr, "results reused from run 1)")
	assert.Equal(t, first.stdout, again.stdout, "the same report, reused")
}
