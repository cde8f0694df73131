package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/collect"
	"github.com/rampart-audit/rampart/internal/collect/aws/awstest"
	"github.com/rampart-audit/rampart/internal/collect/github/githubtest"
	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/verdict"
)

// TestCollectCommandsFromRegistry: `rampart collect NAME` and `audit
// --collect NAME` come from the one registry, so a collector registered
// there is a command and an audit source without another line here.
func TestCollectCommandsFromRegistry(t *testing.T) {
	t.Parallel()
	top := run(t, "collect", "--help")
	require.Equal(t, 0, top.code, top.stderr)
	audit := run(t, "audit", "--help")
	require.Equal(t, 0, audit.code, audit.stderr)
	assert.Contains(t, audit.stdout+audit.stderr, "--collect stringArray")
	for _, name := range collect.Names() {
		c, err := collect.New(name)
		require.NoError(t, err)
		short, long := c.Help()
		assert.Contains(t, top.stdout, name+" ", "rampart collect lists %s", name)
		assert.Contains(t, top.stdout, short)
		r := run(t, "collect", name, "--help")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stdout, long)
		assert.Contains(t, r.stdout, "rampart collect "+name+" [WORKSPACE] [flags]")
		for _, flag := range []string{"-o, --output string", "-q, --quiet"} {
			assert.Contains(t, r.stdout, flag, "every collector has %s", flag)
		}
	}
	assert.Contains(t, audit.stdout, "(repeatable): [aws github]")

	r := run(t, "audit", "testdata/small", "--collect", "gitlab")
	assert.Equal(t, verdict.ExitNotEvaluated, r.code)
	assert.Contains(t, r.stderr, `unknown collector "gitlab" (available: aws, github)`)
}

// runCtx runs the CLI with ctx, as a signal would cancel it.
func runCtx(ctx context.Context, env map[string]string, args ...string) result {
	var out, errb bytes.Buffer
	code := Run(ctx, args, Params{
		Stdout: &out, Stderr: &errb, Now: func() time.Time { return fixedNow },
		Getenv: func(k string) string { return env[k] },
	})
	return result{code, out.String(), errb.String()}
}

// TestCollectInterrupted: a collection cut short writes what it saw,
// marked incomplete, and exits 3 (`rampart collect`), or stops the audit
// with 130 and no report (`audit --collect`) — the same for every
// collector, now that they return the same thing on cancellation.
func TestCollectInterrupted(t *testing.T) {
	t.Parallel()
	aws := awstest.New(awstest.Sample(), awstest.Faults{Latency: 30 * time.Millisecond})
	defer aws.Close()
	gh := githubtest.New(githubtest.Acme(), githubtest.Faults{Token: ghToken, Latency: 30 * time.Millisecond})
	defer gh.Close()
	ws := writeWorkspace(t, `"*"`)
	writeFile(t, ws, "aws.hcl", `system "shop" {
  owner          = "ann"
  classification = "confidential"
  aws {
    account_id = "111122223333"
    regions    = ["eu-west-1"]
  }
}
`)
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string // without a workspace to load, the cancellation lands in the collection
	}{
		{"aws", awsEnv(t, aws), nil},
		{"github", ghEnv(t, gh), []string{"--org", "acme"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			snapFile := filepath.Join(dir, "snap.json")
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			r := runCtx(ctx, tc.env, append([]string{"collect", tc.name, "-o", snapFile}, tc.args...)...)
			assert.Equal(t, verdict.ExitNotEvaluated, r.code, r.stderr)
			assert.Contains(t, r.stderr, "is incomplete")
			snap, err := evidence.LoadFile(snapFile)
			require.NoError(t, err, "the snapshot so far is written: %s", r.stderr)
			assert.True(t, snap.Incomplete)
			assert.NotEmpty(t, snap.IncompleteReason)

			// Loading the workspace and controls may take part of the time
			// on a busy machine; cancelled there, the exit is 130 all the same.
			report := filepath.Join(dir, "report.json")
			ctx, cancel = context.WithTimeout(context.Background(), 1500*time.Millisecond)
			defer cancel()
			r = runCtx(ctx, tc.env, "audit", ws, "--collect", tc.name, "--format", "json="+report)
			assert.Equal(t, verdict.ExitInterrupted, r.code, r.stderr)
			assert.Contains(t, r.stderr, "interrupted")
			assert.Empty(t, r.stdout)
			_, err = os.Stat(report)
			assert.True(t, os.IsNotExist(err), "no report of an audit whose collection was cut short")
		})
	}
}
