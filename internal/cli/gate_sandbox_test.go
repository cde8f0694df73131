package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

// bombControl is a workspace control with the given ID whose deny rule is body.
func bombControl(id, pkg, body string) string {
	return strings.NewReplacer("ACME-NET-001", id, "acme.net.legacy", pkg).Replace(strings.SplitAfter(legacyControl, "package acme.net.legacy\n")[0]) + "\n" + body + "\n"
}

// TestGateSurvivesControlBombs: workspace controls that would exhaust the
// runner's memory — a regular expression of 100,000 groups, a string doubled
// up to 2 GiB — are evaluated in a child process. The gate
// survives them, reports every result of those controls as an error naming
// the limit, and exits 3; the built-in controls still report.
func TestGateSurvivesControlBombs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "ws/workspace.hcl", trustWorkspace)
	writeFile(t, dir, "ws/controls/regex.rego", bombControl("ACME-BOMB-001", "acme.bomb.regex",
		`deny contains "match" if regex.match(concat("", ["(a)" | some _ in numbers.range(1, 100000)]), concat("", ["a" | some _ in numbers.range(1, 100000)]))`))
	writeFile(t, dir, "ws/controls/memory.rego", bombControl("ACME-BOMB-002", "acme.bomb.memory",
		`s0 := concat("", ["aaaaaaaaaa" | some _ in numbers.range(1, 100000)])

s1 := concat("", [s0, s0])

s2 := concat("", [s1, s1])

s3 := concat("", [s2, s2])

s4 := concat("", [s3, s3])

s5 := concat("", [s4, s4])

s6 := concat("", [s5, s5])

s7 := concat("", [s6, s6])

s8 := concat("", [s7, s7])

s9 := concat("", [s8, s8])

s10 := concat("", [s9, s9])

s11 := concat("", [s10, s10])

deny contains "big" if count(s11) < 0`))
	writeFile(t, dir, "ws/infra/bastion.tf", openSSH)

	out := t.TempDir()
	res := run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown", "--format", "json="+filepath.Join(out, "r.json"))
	require.Equal(t, 3, res.code, res.stderr)
	r := readReport(t, filepath.Join(out, "r.json"))
	got := map[string]finding.Finding{}
	for _, f := range r.Findings {
		got[f.ControlID] = f
	}
	require.Equal(t, finding.Error, got["ACME-BOMB-001"].Status)
	require.Contains(t, got["ACME-BOMB-001"].Message, "control ACME-BOMB-001 exceeded the ", "memory or time, whichever it reaches first")
	require.Equal(t, finding.Error, got["ACME-BOMB-002"].Status)
	require.Equal(t, "control ACME-BOMB-002 exceeded the memory limit of 1024 MiB (the evaluation process was stopped)", got["ACME-BOMB-002"].Message)
	require.Equal(t, finding.Fail, got["AWS-EC2-001"].Status, "built-in controls are evaluated in-process as before")
	require.Contains(t, res.stderr, "ACME-BOMB-002 on ws/infra/aws_security_group.bastion could not be evaluated: control ACME-BOMB-002 exceeded the memory limit")
}
