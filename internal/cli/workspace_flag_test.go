package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWorkspaceGivenTheSameWay (issue 14, "the workspace is passed the same
// way everywhere"): every command that reads a workspace takes it as its
// argument and as --workspace — audit, test, docs, controls and collect
// github alike; the gate, whose arguments are Terraform paths, takes
// --workspace — and the two naming different folders is a usage error.
func TestWorkspaceGivenTheSameWay(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	byArg := run(t, "audit", "testdata/small", "--evidence", smallEvidence, "--format", "json")
	byFlag := run(t, "audit", "--workspace", "testdata/small", "--evidence", smallEvidence, "--format", "json")
	require.Equal(t, byArg.code, byFlag.code, byFlag.stderr)
	assert.Equal(t, byArg.stdout, byFlag.stdout, "the same audit")

	for _, args := range [][]string{
		{"audit", "testdata/small", "--workspace", "testdata/small", "--evidence", smallEvidence},
		{"test", "--workspace", "testdata/small", "--run", "nothing-matches-this"},
		{"controls", "--workspace", "testdata/small"},
		{"docs", "--workspace", "testdata/small", "--out", out},
	} {
		r := run(t, args...)
		assert.NotEqual(t, 2, r.code, "%v: %s", args, r.stderr)
	}
	for _, cmd := range []string{"audit", "test", "controls", "docs"} {
		args := []string{cmd, "testdata/small", "--workspace", "testdata"}
		if cmd == "audit" {
			args = append(args, "--evidence", smallEvidence)
		}
		r := run(t, args...)
		assert.Equal(t, 2, r.code, cmd)
		assert.Contains(t, r.stderr, "the workspace is given twice", cmd)
	}
}
