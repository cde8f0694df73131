package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
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

// TestTextReportColour: the text report of audit and gate is coloured on a
// standard output that is a terminal (severities and statuses), by the same
// rule as the log — never with NO_COLOR, TERM=dumb, a pipe, a file, or in
// another format — and, colour stripped, it is the plain report byte for
// byte, so a table keeps its alignment.
func TestTextReportColour(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	failing := writeFile(t, dir, "failing.json", withOrgAttribute(t, "default_repository_permission", "admin"))
	tf := filepath.Dir(writeFile(t, dir, "tf/main.tf", `resource "aws_security_group" "open" {
  name = "open"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`))
	audit := []string{"audit", "testdata/small", "--evidence", failing}
	gateArgs := []string{"gate", "--workspace", "testdata/small", tf}
	ansi := regexp.MustCompile("\x1b\\[[0-9;]*m")
	plain := map[string]string{}
	for name, args := range map[string][]string{"audit": audit, "gate": gateArgs} {
		r := runStdoutTerm(t, false, nil, args...)
		require.Equal(t, 1, r.code, r.stderr)
		require.NotContains(t, r.stdout, "\x1b[")
		plain[name] = r.stdout
	}
	tests := []struct {
		name     string
		cmd      string
		terminal bool
		env      map[string]string
		extra    []string
		colour   bool
	}{
		{"audit on a terminal", "audit", true, nil, nil, true},
		{"gate on a terminal", "gate", true, nil, nil, true},
		{"NO_COLOR", "audit", true, map[string]string{"NO_COLOR": "1"}, nil, false},
		{"a dumb terminal", "gate", true, map[string]string{"TERM": "dumb"}, nil, false},
		{"piped", "audit", false, nil, nil, false},
		{"another format", "audit", true, nil, []string{"--format", "markdown"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := audit
			if tc.cmd == "gate" {
				args = gateArgs
			}
			r := runStdoutTerm(t, tc.terminal, tc.env, append(append([]string{}, args...), tc.extra...)...)
			require.Equal(t, 1, r.code, r.stderr)
			assert.NotContains(t, r.stderr, "\x1b[", "standard error is not a terminal here")
			assert.Equal(t, tc.colour, strings.Contains(r.stdout, "\x1b["), r.stdout)
			if !tc.colour {
				return
			}
			assert.Contains(t, r.stdout, report.ANSIRed+"FAIL", "the failing status in red")
			if tc.cmd == "audit" {
				assert.Contains(t, r.stdout, report.ANSIRed+"HIGH    "+report.ANSIReset, "the severity in its colour, padded inside it")
			} else {
				assert.Contains(t, r.stdout, report.ANSIMagenta+"CRITICAL"+report.ANSIReset)
				assert.Contains(t, r.stdout, report.ANSIRed+"FAILED"+report.ANSIReset)
			}
			assert.Equal(t, plain[tc.cmd], ansi.ReplaceAllString(r.stdout, ""), "colour is all that differs")
		})
	}

	// A text report written to a file is never coloured, terminal or not.
	file := filepath.Join(t.TempDir(), "report.txt")
	r := runStdoutTerm(t, true, nil, append(append([]string{}, audit...), "--format", "text="+file)...)
	require.Equal(t, 1, r.code, r.stderr)
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, plain["audit"], string(data))
}

// runStdoutTerm runs the CLI with standard output a terminal or not (and
// standard error not one).
func runStdoutTerm(t *testing.T, terminal bool, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Params{
		Stdout: &out, Stderr: &errb, Now: func() time.Time { return fixedNow },
		Getenv: func(k string) string { return env[k] }, StdoutIsTerminal: terminal,
	})
	return result{code, out.String(), errb.String()}
}
