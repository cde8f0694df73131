package cli

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

// The CIS AWS types issue 12 added reach the built-in controls through
// `rampart gate`: an instance whose group opens MySQL to the internet and
// an unencrypted EFS file system fail the pull request, their compliant
// twins pass, and an instance whose group is outside the configuration is
// not_evaluated (it may be the open one).
func TestGateJudgesCISAWSTypes(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "ws/workspace.hcl", trustWorkspace)
	writeFile(t, dir, "ws/infra/main.tf", `
resource "aws_security_group" "open" {
  name = "open"
  ingress {
    protocol    = "tcp"
    from_port   = 3306
    to_port     = 3306
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "closed" {
  name = "closed"
}
resource "aws_instance" "db" {
  ami                         = "ami-1"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.open.id]
}
resource "aws_instance" "app" {
  ami                         = "ami-1"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.closed.id]
}
resource "aws_instance" "elsewhere" {
  ami                         = "ami-1"
  associate_public_ip_address = true
  vpc_security_group_ids      = ["sg-0123456789abcdef0"]
}
resource "aws_efs_file_system" "plain" {}
resource "aws_efs_file_system" "sealed" {
  encrypted = true
}
`)
	out := t.TempDir()
	res := run(t, "gate", "--workspace", "ws", "ws/infra", "--allow-unknown", "--format", "json="+filepath.Join(out, "r.json"))
	require.Equal(t, 1, res.code, res.stderr)
	r := readReport(t, filepath.Join(out, "r.json"))
	got := map[string]finding.Status{}
	for _, f := range r.Findings {
		if f.ControlID == "AWS-EC2-008" || f.ControlID == "AWS-EFS-001" {
			got[f.ControlID+" "+f.Resource.ID] = f.Status
		}
	}
	assert.Equal(t, map[string]finding.Status{
		"AWS-EC2-008 ws/infra/aws_instance.db":            finding.Fail,
		"AWS-EC2-008 ws/infra/aws_instance.app":           finding.Pass,
		"AWS-EC2-008 ws/infra/aws_instance.elsewhere":     finding.NotEvaluated,
		"AWS-EFS-001 ws/infra/aws_efs_file_system.plain":  finding.Fail,
		"AWS-EFS-001 ws/infra/aws_efs_file_system.sealed": finding.Pass,
	}, got)
}
