package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

// newUserConfig adds an IAM user with a console login and AdministratorAccess
// attached directly, and an instance written without metadata_options (in
// a security group without ingress, so its exposure is known).
const newUserConfig = `resource "aws_iam_user" "carol" { name = "carol" }

resource "aws_iam_user_login_profile" "carol" { user = aws_iam_user.carol.name }

resource "aws_iam_user_policy_attachment" "carol_admin" {
  user       = aws_iam_user.carol.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "web servers: no ingress"
}

resource "aws_instance" "web" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]
}
`

// TestGateIsAPullRequestTool: the gate's text report and comment say what
// the change did, each result marked; they carry no risk register and no
// appetite warnings (nothing in the log twice); the comment says how to fix
// each new failure. A new IAM user's MFA (enrolled by the user) is checked
// by the audit — reported, not blocking, without --allow-unknown —, an
// instance without metadata_options is judged by AWS's default (IMDSv1
// allowed) and says so, and AdministratorAccess attached through
// aws_iam_user_policy_attachment is a high failure.
func TestGateIsAPullRequestTool(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "main.tf", newUserConfig)
	res := run(t, "gate", ".", "--format", "text", "--format", "markdown=c.md", "--format", "json=r.json")
	require.Equal(t, 1, res.code, "a new high failure, and nothing the gate could not evaluate that blocks:\n%s", res.stderr)

	for _, out := range []string{res.stdout, res.stderr} {
		require.NotContains(t, out, "Risk register")
		require.NotContains(t, out, "appetite")
		require.NotContains(t, out, "Training gaps")
	}
	require.Contains(t, res.stdout, "Rampart gate FAILED (baseline none; new results at or above high block)")
	require.Contains(t, res.stdout, "[new, blocks] HIGH FAIL AWS-IAM-014")
	require.Contains(t, res.stdout, `fix: Remove the aws_iam_*_policy_attachment`)
	require.Contains(t, res.stdout, "[new, blocks] HIGH FAIL AWS-EC2-005")
	require.Contains(t, res.stdout, "[new] LOW FAIL AWS-IAM-009")
	require.Contains(t, res.stdout, "Checked by the audit (Terraform cannot know these values; not blocking)")
	require.Contains(t, res.stdout, "[audit] HIGH NOT EVALUATED AWS-IAM-001")

	// The default is said once, in the log, with its line.
	const imds = `aws_instance.web sets no metadata_options.http_tokens: judged by AWS's default, "optional" (IMDSv1 allowed)`
	require.Equal(t, 1, strings.Count(res.stderr, imds), res.stderr)
	require.Contains(t, res.stderr, "warning: main.tf:15:1: IMDS judged by AWS's default")
	require.NotContains(t, res.stdout, imds, "warnings are the log's, not repeated in the text report")
	require.Contains(t, res.stderr, "4 new, 0 unchanged, 0 fixed, 0 waived, 2 checked by the audit")

	r := readReport(t, filepath.Join(dir, "r.json"))
	status := map[string]finding.Status{}
	severity := map[string]finding.Severity{}
	for _, f := range r.Findings {
		status[f.ControlID+" "+f.Resource.ID] = f.Status
		severity[f.ControlID+" "+f.Resource.ID] = f.Severity
	}
	require.Equal(t, finding.Fail, status["AWS-IAM-014 aws_iam_user.carol"])
	require.Equal(t, finding.High, severity["AWS-IAM-014 aws_iam_user.carol"], "an AWS-managed admin policy attached to a user is high")
	require.Equal(t, finding.Fail, status["AWS-EC2-005 aws_instance.web"], "judged by the default")
	require.Equal(t, finding.NotEvaluated, status["AWS-IAM-001 aws_iam_user.carol"])
	require.Len(t, r.Gate.CheckedByAudit, 2)
	require.Empty(t, r.Risks, "no risk register in a pull request's report")

	md, err := os.ReadFile(filepath.Join(dir, "c.md"))
	require.NoError(t, err)
	comment := string(md)
	require.NotContains(t, comment, "appetite")
	require.Contains(t, comment, "**How to fix**")
	require.Contains(t, comment, `- **AWS-EC2-005** EC2 instances require IMDSv2: aws_instance (or aws_launch_template) metadata_options { http_tokens = "required" }.`)
	require.Contains(t, comment, "<details><summary>Checked by the audit, not blocking: values Terraform cannot know (2)</summary>")

	// With the failures fixed, what is left is checked by the audit: the
	// gate passes without --allow-unknown.
	fixedConfig := strings.Replace(newUserConfig, `policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"`, `policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"`, 1)
	fixedConfig = strings.Replace(fixedConfig, `instance_type          = "t3.micro"`, "instance_type          = \"t3.micro\"\n  metadata_options {\n    http_tokens = \"required\"\n  }", 1)
	writeFile(t, dir, "main.tf", fixedConfig)
	res = run(t, "gate", ".", "--baseline", "r.json")
	require.Equal(t, 0, res.code, res.stderr)
	require.Contains(t, res.stdout, "[fixed] HIGH FAIL AWS-IAM-014")
	require.Contains(t, res.stdout, "[unchanged] LOW FAIL AWS-IAM-009")
	require.Contains(t, res.stderr, "0 new, 2 unchanged, 2 fixed, 0 waived, 2 checked by the audit")
	require.Contains(t, res.stdout, "[audit] HIGH NOT EVALUATED AWS-IAM-001")
}

// TestGateCIDRFunctions: a private security group written with cidrsubnet
// is evaluated (it was critical not_evaluated); an open one written with
// cidrhost fails.
func TestGateCIDRFunctions(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "main.tf", `variable "vpc_cidr" { default = "10.20.0.0/16" }

resource "aws_security_group" "private" {
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = [cidrsubnet(var.vpc_cidr, 8, 3)]
  }
}

resource "aws_security_group" "open" {
  ingress {
    protocol    = "tcp"
    from_port   = 3389
    to_port     = 3389
    cidr_blocks = ["${cidrhost("0.0.0.0/0", 0)}/0"]
  }
}
`)
	res := run(t, "gate", ".", "--format", "json=r.json")
	require.Equal(t, 1, res.code, res.stderr)
	got := map[string]finding.Status{}
	for _, f := range readReport(t, filepath.Join(dir, "r.json")).Findings {
		if f.ControlID == "AWS-EC2-001" {
			got[f.Resource.ID] = f.Status
		}
	}
	require.Equal(t, map[string]finding.Status{"aws_security_group.private": finding.Pass, "aws_security_group.open": finding.Fail}, got)
}

// TestGateChecksInputsFirst: an unreadable baseline or an unknown ref stops
// the gate before anything is evaluated or printed.
func TestGateChecksInputsFirst(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "main.tf", openRDP)
	for _, args := range [][]string{
		{"gate", ".", "--baseline", filepath.Join(dir, "nope.json")},
		{"gate", ".", "--baseline-ref", "no-such-ref"},
	} {
		res := run(t, args...)
		require.Equal(t, 2, res.code, res.stderr)
		require.NotContains(t, res.stderr, "rampart gate", "no evaluation before the input error:\n%s", res.stderr)
		require.Empty(t, res.stdout)
		require.Equal(t, 1, strings.Count(res.stderr, "\n"), "one line: %q", res.stderr)
	}
}

// TestGateBaselineOverlap: a baseline made from another folder shares no
// file with the run; the gate says so instead of reporting everything new.
func TestGateBaselineOverlap(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "terraform/main.tf", openRDP)
	res := run(t, "gate", "terraform", "--format", "json=base.json")
	require.Equal(t, 1, res.code, res.stderr)
	res = run(t, "gate", "terraform", "--baseline", "base.json")
	require.NotContains(t, res.stderr, "names no Terraform file of this run")

	t.Chdir(filepath.Join(dir, "terraform"))
	res = run(t, "gate", ".", "--baseline", filepath.Join(dir, "base.json"))
	require.Contains(t, res.stderr, "warning: baseline "+filepath.Join(dir, "base.json")+" names no Terraform file of this run (baseline: terraform/main.tf; this run: main.tf)")
}

// TestGateWorkspaceTypoIsAnError: a root workspace whose block type is a
// typo (waivers) is loaded and the typo reported with its position, as in
// audit — not dropped with its waivers and systems.
func TestGateWorkspaceTypoIsAnError(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "main.tf", openRDP)
	writeFile(t, dir, "workspace.hcl", `waivers "bastion" {
  control     = "AWS-EC2-001"
  resources   = ["aws_security_group.web"]
  reason      = "x"
  approved_by = "carol"
  expires     = "2026-12-31"
}
`)
	res := run(t, "gate")
	require.Equal(t, 2, res.code, res.stderr)
	require.Contains(t, res.stderr, "on workspace.hcl line 1")
	require.Contains(t, res.stderr, `Blocks of type "waivers" are not expected here. Did you mean "waiver"?`)
	require.NotContains(t, res.stderr, "not rampart workspace HCL")
}

// TestGateTerraformErrorsOnce: a syntax error is printed once: its
// position and message, then the source line.
func TestGateTerraformErrorsOnce(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "main.tf", "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \"x\"\n  acl = \n}\n")
	res := run(t, "gate")
	require.Equal(t, 2, res.code, res.stderr)
	require.Equal(t, 1, strings.Count(res.stderr, "Expected the start of an expression"), res.stderr)
	require.Contains(t, res.stderr, "error: main.tf:3:9: Invalid expression: Expected the start of an expression")
	require.Contains(t, res.stderr, "     3:   acl = ")
}
