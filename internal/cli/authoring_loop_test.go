package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// libControl is a workspace control that uses rampart.lib.
const libControl = `# METADATA
# title: Organization login is set
# description: The organisation has a login.
# custom:
#   id: ACME-ORG-002
#   severity: low
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.5.15"]
#   remediation:
#     console: Set it.
#     terraform: Set it.
package acme.org.login_set

import data.rampart.lib

deny contains sprintf("organization %s has no login", [lib.label("login")]) if input.attributes.login == ""

unknown contains {"msg": "login unknown", "path": "attributes.login"} if not is_string(lib.attr("login"))
`

// TestControlsAndDocsSeeWorkspaceControls: `rampart controls` and `rampart
// docs` take the workspace as audit and test do (an argument; --workspace
// kept on docs as an alias) and list its own controls; --controls DIR alone
// keeps rampart.lib, so a control written against it loads.
func TestControlsAndDocsSeeWorkspaceControls(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "ws/controls/login_set.rego", libControl)
	writeFile(t, dir, "ws/workspace.hcl", "")
	ws := filepath.Join(dir, "ws")

	res := run(t, "controls", ws)
	require.Equal(t, 0, res.code, res.stderr)
	require.Contains(t, res.stdout, "ACME-ORG-002")
	require.Contains(t, res.stdout, "GH-ORG-001", "beside the built-in set")

	res = run(t, "controls", "--controls", filepath.Join(ws, "controls"))
	require.Equal(t, 0, res.code, "rampart.lib is kept with --controls DIR:\n%s", res.stderr)
	require.Contains(t, res.stdout, "ACME-ORG-002")
	require.NotContains(t, res.stdout, "GH-ORG-001")

	out := filepath.Join(dir, "catalogue")
	res = run(t, "docs", ws, "--out", out)
	require.Equal(t, 0, res.code, res.stderr)
	res = run(t, "docs", "--workspace", ws, "--out", out, "--check")
	require.Equal(t, 0, res.code, "--workspace is the same as the argument:\n%s%s", res.stdout, res.stderr)
	res = run(t, "docs", "--out", out, "--check")
	require.Equal(t, 1, res.code, "without the workspace its control's page is not current")

	res = run(t, "docs", ws, "--workspace", filepath.Join(dir, "other"), "--out", out)
	require.Equal(t, 2, res.code)
	require.Contains(t, res.stderr, "the workspace is given twice")
}

// TestNewControlRefusesAnExistingID: a built-in ID and one of the
// workspace's controls are taken.
func TestNewControlRefusesAnExistingID(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	res := run(t, "new", "control", "--id", "AWS-S3-001", "--type", "aws.s3.bucket")
	require.Equal(t, 2, res.code, res.stderr)
	require.Contains(t, res.stderr, "--id AWS-S3-001 exists already (the built-in controls)")

	writeFile(t, dir, "controls/acme/login_set.rego", libControl)
	res = run(t, "new", "control", "--id", "ACME-ORG-002", "--type", "github.organization")
	require.Equal(t, 2, res.code, res.stderr)
	require.Contains(t, res.stderr, "--id ACME-ORG-002 exists already (controls/acme/login_set.rego)")

	res = run(t, "new", "control", "--id", "ACME-ORG-003", "--type", "github.organization")
	require.Equal(t, 0, res.code, res.stderr)
}

// TestFmtDiff: --diff prints what formatting would change as a unified
// diff, writes nothing and exits 1; a formatted tree exits 0 silently.
func TestFmtDiff(t *testing.T) {
	dir := t.TempDir()
	messy := "settings {\n  risk_appetite=8\n}\n"
	file := writeFile(t, dir, "workspace.hcl", messy)
	res := run(t, "fmt", "--diff", dir)
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stdout, "--- a/"+filepath.ToSlash(file))
	require.Contains(t, res.stdout, "+++ b/"+filepath.ToSlash(file))
	require.Contains(t, res.stdout, "-  risk_appetite=8\n+  risk_appetite = 8\n")
	require.Equal(t, messy, readString(t, file), "--diff writes nothing")

	res = run(t, "fmt", dir)
	require.Equal(t, 0, res.code, res.stderr)
	res = run(t, "fmt", "--diff", dir)
	require.Equal(t, 0, res.code, res.stderr)
	require.Empty(t, res.stdout)

	res = run(t, "fmt", "--diff", "--check", dir)
	require.Equal(t, 2, res.code, "exclusive flags")
}

// TestLintShowsLevelsAndCountsFiles: each finding carries its level, and
// the summary counts the files with findings among those linted.
func TestLintShowsLevelsAndCountsFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "controls/acme/login_set.rego", libControl+"\nhelper := 1\n")
	writeFile(t, dir, "controls/acme/login_set_test.rego", "package acme.org.login_set_test\n\nimport data.acme.org.login_set\n\ntest_fail if login_set.deny with input as {\"type\": \"github.organization\", \"attributes\": {\"login\": \"\"}}\n")
	writeFile(t, dir, "controls/acme/clean.rego", strings.Replace(strings.Replace(libControl, "ACME-ORG-002", "ACME-ORG-004", 1), "acme.org.login_set", "acme.org.clean", 1))
	writeFile(t, dir, "controls/acme/clean_test.rego", "package acme.org.clean_test\n\nimport data.acme.org.clean\n\ntest_fail if clean.deny with input as {\"type\": \"github.organization\", \"attributes\": {\"login\": \"\"}}\n")
	res := run(t, "lint", dir)
	require.Equal(t, 1, res.code, res.stdout+res.stderr)
	require.Regexp(t, `login_set\.rego:\d+:\d+: (error|warning|note): rule-unused: rule helper is never used`, res.stdout)
	require.Regexp(t, `rampart: \d+ (error|warning|note)\(s\)(, \d+ \w+\(s\))* in 1 of 4 file\(s\) linted`, res.stderr)
}

func readString(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}
