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
//
// Which limit a bomb reaches first depends on the machine: on the AMD EPYC
// VM of issue 16's fifth round the doubled string spends the 5 s CPU
// budget before its heap reaches 1 GiB (34ff907 fails the same way there),
// where on the Intel Xeon VM before it reached the memory limit first. So
// both bombs are held to "an error naming a limit"; the memory limit's own
// message is held by the engine's TestUntrustedControlsRunInAChild
// (internal/engine/sandbox_test.go: WS-MEM-001 under a 64 MiB limit,
// reached long before its time limit).
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
	for _, id := range []string{"ACME-BOMB-001", "ACME-BOMB-002"} {
		require.Equal(t, finding.Error, got[id].Status, id)
		require.Regexp(t, `exceeded the (memory limit of 1024 MiB|CPU time limit of 5s)`, got[id].Message, "%s: memory or time, whichever it reaches first", id)
		require.Contains(t, res.stderr, id+" on ws/infra/aws_security_group.bastion could not be evaluated: ")
	}
	require.Equal(t, finding.Fail, got["AWS-EC2-001"].Status, "built-in controls are evaluated in-process as before")
}
