package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/golden"
	"github.com/rampart-audit/rampart/internal/report"
)

const trustWorkspace = `person "ann" {
  roles = ["employee"]
}

system "net" {
  owner          = "ann"
  classification = "internal"
  # The bastion the pull requests below add is meant to be reached from
  # the internet (AWS-EC2-021 passes); its SSH is what they try to waive.
  internet_facing = true
  terraform {
    paths = ["infra/**"]
  }
}
`

// legacyControl fails security groups named legacy-*; the pull requests
// below try to switch it off for themselves.
const legacyControl = `# METADATA
# title: No legacy security groups
# custom:
#   id: ACME-NET-001
#   severity: high
#   resource_types: [aws.ec2.security_group]
#   frameworks:
#     iso27001-2022: ["A.8.20"]
#   remediation:
#     console: Rename the group.
#     terraform: Rename the group.
package acme.net.legacy

deny contains "legacy security group" if startswith(input.attributes.group_name, "legacy-")

unknown contains "group name unknown" if not is_string(object.get(input.attributes, "group_name", null))
`

const legacyGroup = `resource "aws_security_group" "old" {
  name = "legacy-old"
}
`

const sshWaiver = `
waiver "pr-own-ssh" {
  control     = "AWS-EC2-001"
  resources   = ["ws/infra/aws_security_group.bastion"]
  reason      = "The pull request says it is fine."
  approved_by = "ann"
  expires     = "2026-12-15"
}
`

// trustRepo commits a workspace with a control and Terraform that passes
// every control, and returns the repository folder (the working directory).
func trustRepo(t *testing.T) string {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "ws/workspace.hcl", trustWorkspace)
	writeFile(t, dir, "ws/controls/legacy.rego", legacyControl)
	writeFile(t, dir, "ws/infra/ok.tf", "resource \"aws_security_group\" \"ok\" {\n  name = \"web\"\n}\n")
	git(t, dir, "init", "-q")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "base")
	return dir
}

// TestGatePullRequestCannotWaiveItself: a waiver the change adds for its
// own new failure is not applied with --baseline-ref: the failure blocks,
// and the comment lists the waiver as a governance change. Read from the
// working tree (no --baseline-ref) the same waiver does apply — the one
// thing that shows it is a valid waiver, and says why the ref matters.
func TestGatePullRequestCannotWaiveItself(t *testing.T) {
	dir := trustRepo(t)
	writeFile(t, dir, "ws/infra/bastion.tf", openSSH)
	ws, err := os.ReadFile(filepath.Join(dir, "ws/workspace.hcl"))
	require.NoError(t, err)
	writeFile(t, dir, "ws/workspace.hcl", string(ws)+sshWaiver)

	res := run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown")
	require.Equal(t, 0, res.code, "the waiver is valid and applies when the working tree is trusted:\n%s", res.stderr)
	require.Contains(t, res.stderr, "warning: workspace ws (its controls, waivers and systems) is read from the working tree")

	out := t.TempDir()
	res = run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown", "--baseline-ref", "HEAD",
		"--format", "json="+filepath.Join(out, "r.json"), "--format", "markdown="+filepath.Join(out, "c.md"))
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stderr, "new critical failure AWS-EC2-001 on ws/infra/aws_security_group.bastion")
	require.Contains(t, res.stderr, `added waiver "pr-own-ssh" (ws/workspace.hcl:16)`)
	r := readReport(t, filepath.Join(out, "r.json"))
	require.Equal(t, "git:HEAD", r.Gate.GovernanceFrom)
	require.Equal(t, []report.GovernanceChange{{Kind: "waiver", Name: "pr-own-ssh", Change: "added", File: "ws/workspace.hcl", Line: 16}}, r.Gate.GovernanceChanges)
	require.Zero(t, r.Summary.Waived)
}

// TestGatePullRequestCannotEditItsControls: a change that adds a failing
// resource and, with it, edits or deletes the workspace control that fails
// it is judged by the control as the base branch has it.
func TestGatePullRequestCannotEditItsControls(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(t *testing.T, dir string)
		change string
	}{
		{"control edited", func(t *testing.T, dir string) {
			writeFile(t, dir, "ws/controls/legacy.rego", strings.Replace(legacyControl, `"legacy-")`, `"ancient-")`, 1))
		}, "changed"},
		{"control deleted", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, "ws/controls/legacy.rego")))
		}, "removed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := trustRepo(t)
			writeFile(t, dir, "ws/infra/old.tf", legacyGroup)
			tc.edit(t, dir)

			res := run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown")
			require.Equal(t, 0, res.code, "trusting the working tree, the edit hides the failure:\n%s", res.stderr)

			out := t.TempDir()
			res = run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown", "--baseline-ref", "HEAD",
				"--format", "json="+filepath.Join(out, "r.json"), "--format", "markdown="+filepath.Join(out, "c.md"))
			require.Equal(t, 1, res.code, res.stderr)
			require.Contains(t, res.stderr, "new high failure ACME-NET-001 on ws/infra/aws_security_group.old: legacy security group")
			r := readReport(t, filepath.Join(out, "r.json"))
			require.Equal(t, []report.GovernanceChange{{Kind: "control", Name: "legacy.rego", Change: tc.change, File: "ws/controls/legacy.rego"}}, r.Gate.GovernanceChanges)
			if tc.change == "changed" {
				md, err := os.ReadFile(filepath.Join(out, "c.md"))
				require.NoError(t, err)
				t.Chdir(filepath.Join(startDir, "."))
				goldenFile(t, "testdata/gate-governance.golden.md", string(md))
			}
		})
	}
}

// TestGateWorkspaceAddedByTheChange: a workspace that does not exist at the
// ref does not judge the change either; the embedded pack does, and every
// block of it is a governance change.
func TestGateWorkspaceAddedByTheChange(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "README.md", "infrastructure\n")
	git(t, dir, "init", "-q")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "base")
	writeFile(t, dir, "ws/workspace.hcl", trustWorkspace+sshWaiver)
	writeFile(t, dir, "ws/infra/bastion.tf", openSSH)
	out := t.TempDir()
	res := run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown", "--baseline-ref", "HEAD", "--format", "json="+filepath.Join(out, "r.json"))
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stderr, "new critical failure AWS-EC2-001 on ws/infra/aws_security_group.bastion")
	r := readReport(t, filepath.Join(out, "r.json"))
	var kinds []string
	for _, c := range r.Gate.GovernanceChanges {
		require.Equal(t, "added", c.Change)
		kinds = append(kinds, c.Kind+" "+c.Name)
	}
	require.Equal(t, []string{"person ann", "system net", "waiver pr-own-ssh"}, kinds)
}

var startDir, _ = os.Getwd()

// goldenFile compares got with a golden file of this package, or rewrites
// it with -update.
func goldenFile(t *testing.T, path, got string) {
	t.Helper()
	if golden.Update() {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file %s: run go test with -update", path)
	require.Equal(t, string(want), got)
}
