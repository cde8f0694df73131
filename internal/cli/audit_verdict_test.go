package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAuditVerdictLine: every audit ends with one line saying its exit code
// and why, and the report-only flags change the code, not the report.
func TestAuditVerdictLine(t *testing.T) {
	t.Parallel()
	failing := writeFile(t, t.TempDir(), "failing.json", withOrgAttribute(t, "default_repository_permission", "admin"))
	tests := []struct {
		name string
		args []string
		want int
		line string
	}{
		{"clean", []string{"audit", "testdata/small"}, 0, "rampart audit exit 0: no failure at or above low"},
		{"a failure", []string{"audit", "testdata/small", "--evidence", failing}, 1,
			"rampart audit exit 1: 1 failure at or above low (1 high)"},
		{"below the threshold", []string{"audit", "testdata/small", "--evidence", failing, "--fail-on", "critical"}, 0,
			"rampart audit exit 0: no failure at or above critical"},
		{"--fail-on none", []string{"audit", "testdata/small", "--evidence", failing, "--fail-on", "none"}, 0,
			"rampart audit exit 0: report only (--fail-on none)"},
		{"--soft-fail", []string{"audit", "testdata/small", "--evidence", failing, "--soft-fail"}, 0,
			"rampart audit exit 0: report only (--fail-on none)"},
		{"not evaluated, with what else would fail", []string{"audit", "../../examples/acme"}, 3,
			"rampart audit exit 3: 37 results not evaluated at or above low — 15 on data-platform: default_branch_protection.protected unknown: 403"},
		{"--allow-unknown leaves the failures", []string{"audit", "../../examples/acme", "--allow-unknown"}, 1,
			"rampart audit exit 1: 255 failures at or above low (15 critical, 69 high, 126 medium, 45 low), 3 security alerts past SLA at or above low, 1 policy past review; the evidence is incomplete, allowed by --allow-unknown: 1 scope(s) not collected"},
		{"an overdue alert alone explains exit 1 at critical", []string{"audit", "../../examples/acme", "--allow-unknown", "--fail-on", "critical"}, 1,
			"rampart audit exit 1: 15 failures at or above critical (15 critical), 1 security alert past SLA at or above critical"},
		{"report only still exits 3 on a scope it could not see", []string{"audit", "../../examples/acme", "--soft-fail"}, 3,
			"rampart audit exit 3: the evidence is incomplete: 1 scope(s) not collected, leaving 4 control(s) not evaluated there"},
		{"report only with the unknowns allowed", []string{"audit", "../../examples/acme", "--soft-fail", "--allow-unknown"}, 0,
			"rampart audit exit 0: report only (--fail-on none); 37 results not evaluated, allowed by --allow-unknown; the evidence is incomplete, allowed by --allow-unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := run(t, tc.args...)
			assert.Equal(t, tc.want, r.code, r.stderr)
			lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
			assert.True(t, strings.HasPrefix(lines[len(lines)-1], tc.line), "last line of stderr:\n%s\nwant prefix:\n%s", lines[len(lines)-1], tc.line)
		})
	}
}

func TestAuditSoftFailContradiction(t *testing.T) {
	t.Parallel()
	r := run(t, "audit", "testdata/small", "--soft-fail", "--fail-on", "high")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "--soft-fail is --fail-on none: it contradicts --fail-on high")
	bad := run(t, "audit", filepath.Join("testdata", "small"), "--fail-on", "urgent")
	assert.Contains(t, bad.stderr, `unknown severity "urgent" (want critical, high, medium, low or info), or none`)
}

// TestAuditWarningsOnce: every warning reaches the log once — workspace
// diagnostics with their excerpt when loaded, the rest of the report's
// warnings (training records' problems included) before the verdict.
func TestAuditWarningsOnce(t *testing.T) {
	t.Parallel()
	records := writeFile(t, t.TempDir(), "lms.csv", "person,training,completed_at\nalicee,security-awareness,2026-01-01\n")
	r := run(t, "audit", "../../examples/acme", "--training-records", records)
	require.Equal(t, 3, r.code, r.stderr)
	for _, w := range []string{
		`names the role "cto" (alice)`,
		"waiver office-vpn-ssh expired on 2026-06-30",
		"risk data-exposure: residual 10 is over the appetite",
		`person "alicee" is not in the workspace; row not applied (did you mean "alice"?)`,
	} {
		assert.Equal(t, 1, strings.Count(r.stderr, w), "%q in:\n%s", w, r.stderr)
	}
}

// TestGateWarningsOnce: the gate printed the workspace's warnings when it
// loaded them and again among the report's. Not parallel: it changes folder.
func TestGateWarningsOnce(t *testing.T) {
	t.Chdir("../..")
	r := run(t, "gate", "--workspace", "examples/acme", "examples/acme/terraform", "--allow-unknown")
	require.Equal(t, 1, r.code, r.stderr)
	assert.Equal(t, 1, strings.Count(r.stderr, `names the role "cto" (alice)`), r.stderr)
	// A pull request is judged by its findings: no appetite warnings at all.
	assert.NotContains(t, r.stderr, "risk account-takeover: residual")
}
