package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/report"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// TestAuditInterrupted cancels the run's context — what SIGINT or SIGTERM do
// through cmd/rampart's signal.NotifyContext — at every point where the run
// reads the clock: before it starts, while controls load, before and during
// evaluation. Each time the audit stops with exit 130, says "interrupted"
// and writes no report, to a file or to standard output. Before, it carried
// on and wrote a report whose cancelled evaluations read as error results,
// without an interrupted mark.
func TestAuditInterrupted(t *testing.T) {
	t.Parallel()
	for k := 0; ; k++ {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		var mu sync.Mutex
		calls := 0
		if k == 0 {
			cancel()
		}
		now := func() time.Time {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if calls == k {
				cancel()
			}
			return fixedNow
		}
		var out, errb bytes.Buffer
		code := Run(ctx, []string{"audit", "testdata/small", "--format", "text", "--format", "json=" + filepath.Join(dir, "r.json")},
			Params{Stdout: &out, Stderr: &errb, Now: now})
		interrupted := ctx.Err() != nil
		cancel()
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		if !interrupted {
			// The clock was read fewer than k times: the run finished untouched.
			require.Equal(t, verdict.ExitOK, code, errb.String())
			assert.Len(t, entries, 1)
			require.Greater(t, k, 1, "the sweep cancelled inside the run at least once")
			return
		}
		assert.Equal(t, verdict.ExitInterrupted, code, "cancelled at clock read %d; stderr:\n%s", k, errb.String())
		assert.Contains(t, errb.String(), "interrupted", "cancelled at clock read %d", k)
		assert.Empty(t, out.String(), "cancelled at clock read %d: nothing on standard output", k)
		assert.Empty(t, entries, "cancelled at clock read %d: no report file, no temporary file", k)
	}
}

// TestAuditNothingEvaluated: a snapshot of resources no control applies to
// was audited by nothing, mentioned in no report, and exited 0. It exits 3
// saying nothing was evaluated, and every format names the type.
func TestAuditNothingEvaluated(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ev := writeFile(t, dir, "e.json", `{"schema": "rampart.evidence/v1", "resources": [
		{"type": "github.gist", "id": "github.com/acme/gist-1", "scope": {"platform": "github", "org": "acme"}}]}`)
	args := []string{"audit", "testdata/small", "--evidence", ev}
	for _, format := range report.Formats() {
		args = append(args, "--format", format+"="+filepath.Join(dir, "r."+format))
	}
	r := run(t, args...)
	assert.Equal(t, verdict.ExitNotEvaluated, r.code, r.stderr)
	assert.Contains(t, r.stderr, "nothing was evaluated: no loaded control applies to any of the 1 resource(s)")
	for _, format := range report.Formats() {
		data, err := os.ReadFile(filepath.Join(dir, "r."+format))
		require.NoError(t, err)
		assert.Contains(t, string(data), `github.gist`, "the %s report names the type that was not evaluated", format)
		if format != "summary" { // the management summary lists no not_evaluated results, only the warning
			assert.Contains(t, string(data), verdict.NoControlID, "the %s report has the not_evaluated entry", format)
		}
	}
}

// TestAuditStrictEvidence: the misspelt gap key was dropped and the audit
// exited 1 (only the failure counted) instead of 2 with the key's offset.
func TestAuditStrictEvidence(t *testing.T) {
	t.Parallel()
	ev := writeFile(t, t.TempDir(), "e.json", `{"schema": "rampart.evidence/v1", "resources": [],
 "not_colected": [{"resource_type": "github.repository", "reason": "403"}]}`)
	r := run(t, "audit", "testdata/small", "--evidence", ev)
	assert.Equal(t, verdict.ExitInput, r.code)
	assert.Contains(t, r.stderr, `unknown key at byte offset 52 (line 2, column 2): "not_colected" is not a key of a snapshot`)
}
