package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/report"
)

// runTerm runs the CLI with an environment and a terminal or not.
func runTerm(t *testing.T, terminal bool, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Params{
		Stdout: &out, Stderr: &errb, Now: func() time.Time { return fixedNow },
		Getenv: func(k string) string { return env[k] }, IsTerminal: terminal,
	})
	return result{code, out.String(), errb.String()}
}

func TestColourOnlyOnATerminal(t *testing.T) {
	t.Parallel()
	failing := writeFile(t, t.TempDir(), "failing.json", withOrgAttribute(t, "default_repository_permission", "admin"))
	tests := []struct {
		name     string
		terminal bool
		env      map[string]string
		colour   bool
	}{
		{"a terminal", true, nil, true},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, false},
		{"a dumb terminal", true, map[string]string{"TERM": "dumb"}, false},
		{"piped", false, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runTerm(t, tc.terminal, tc.env, "audit", "testdata/small", "--evidence", failing)
			require.Equal(t, 1, r.code, r.stderr)
			assert.Equal(t, tc.colour, strings.Contains(r.stderr, "rampart audit "+ansiRed+"exit 1"+ansiReset+": 1 failure"), r.stderr)
			assert.Equal(t, tc.colour, strings.Contains(r.stderr, "\x1b["), "any colour at all")
			assert.NotContains(t, r.stdout, "\x1b[", "the report on standard output is a document, never coloured")
		})
	}
}

func TestFlagsFromEnvironment(t *testing.T) {
	t.Parallel()
	failing := writeFile(t, t.TempDir(), "failing.json", withOrgAttribute(t, "default_repository_permission", "admin"))
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		want       int
		wantStderr string
	}{
		{"RAMPART_FAIL_ON", map[string]string{"RAMPART_FAIL_ON": "critical"}, nil, 0, "no failure at or above critical"},
		{"the command line wins", map[string]string{"RAMPART_FAIL_ON": "critical"}, []string{"--fail-on", "low"}, 1, "1 failure at or above low"},
		{"RAMPART_SOFT_FAIL", map[string]string{"RAMPART_SOFT_FAIL": "true"}, nil, 0, "report only (--fail-on none)"},
		{"a bad value names the variable", map[string]string{"RAMPART_SOFT_FAIL": "maybe"}, nil, 2, `RAMPART_SOFT_FAIL="maybe" (for --soft-fail)`},
		{"RAMPART_EVIDENCE is a list", map[string]string{"RAMPART_EVIDENCE": smallEvidence + "," + smallEvidence}, []string{"--fail-on", "none"}, 2, "appears in more than one snapshot"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"audit", "testdata/small", "--evidence", failing}, tc.args...)
			if _, ok := tc.env["RAMPART_EVIDENCE"]; ok {
				args = append([]string{"audit", "testdata/small"}, tc.args...)
			}
			r := runTerm(t, false, tc.env, args...)
			assert.Equal(t, tc.want, r.code, r.stderr)
			assert.Contains(t, r.stderr, tc.wantStderr)
		})
	}

	out := filepath.Join(t.TempDir(), "r.json")
	r := runTerm(t, false, map[string]string{"RAMPART_FRAMEWORK": "iso27001-2022, soc2", "RAMPART_FORMAT": "json=" + out}, "audit", "testdata/small")
	require.Equal(t, 0, r.code, r.stderr)
	var rep report.Report
	require.NoError(t, json.Unmarshal(readFile(t, out), &rep))
	assert.Len(t, rep.Frameworks, 2, "a repeatable flag takes a comma-separated list")
}

func TestCompletionOfFlagValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"audit", "--fail-on", ""}, []string{"none", "critical", "high", "medium", "low", "info"}},
		{[]string{"gate", "--fail-on", ""}, []string{"none", "critical"}},
		{[]string{"audit", "--format", ""}, report.Formats()},
		{[]string{"audit", "--framework", ""}, []string{"iso27001-2022", "soc2"}},
		{[]string{"audit", "--collect", ""}, []string{"aws", "github"}},
		{[]string{"new", "control", "--type", ""}, []string{"github.repository", "aws.s3.bucket"}},
		{[]string{"fixture", "--type", ""}, []string{"aws.iam.user"}},
		{[]string{"new", "control", "--id", ""}, []string{"GH-ORG-001", "AWS-S3-001"}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			r := run(t, append([]string{"__complete"}, tc.args...)...)
			require.Equal(t, 0, r.code, r.stderr)
			lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
			for _, w := range tc.want {
				assert.Contains(t, lines, w)
			}
		})
	}
}
