package cli

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/report"
)

func readReport(t *testing.T, path string) *report.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var r report.Report
	require.NoError(t, json.Unmarshal(data, &r))
	return &r
}

// TestGateExampleLines runs the gate over the example workspace's Terraform
// and checks every misconfiguration is reported at its line, for a v3
// inline bucket, a v4 split bucket, security groups, GitHub repositories
// and the organisation; and that SARIF and JUnit carry the same locations.
func TestGateExampleLines(t *testing.T) {
	t.Chdir("../..")
	out := t.TempDir()
	res := run(t, "gate", "--workspace", "examples/acme", "examples/acme/terraform", "--allow-unknown",
		"--format", "json="+filepath.Join(out, "r.json"), "--format", "sarif="+filepath.Join(out, "r.sarif"),
		"--format", "junit="+filepath.Join(out, "j.xml"), "--format", "markdown="+filepath.Join(out, "c.md"))
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stderr, "rampart gate FAILED (baseline none, fail on high and above)")
	require.Contains(t, res.stderr, "waiver office-vpn-ssh (AWS-EC2-001) expired on 2026-06-30")

	r := readReport(t, filepath.Join(out, "r.json"))
	failing := map[string]string{}
	for _, f := range r.Findings {
		if f.Status == finding.Fail {
			failing[f.ControlID+" "+f.Resource.ID] = f.Resource.Source.File + ":" + itoa(f.Resource.Source.Line)
		}
	}
	want := map[string]string{
		"AWS-EC2-001 examples/acme/terraform/aws_security_group.bastion":      "examples/acme/terraform/network.tf:1",
		"AWS-EC2-001 examples/acme/terraform/aws_security_group.web":          "examples/acme/terraform/network.tf:14",
		"AWS-EC2-002 examples/acme/terraform/aws_default_security_group.main": "examples/acme/terraform/network.tf:38",
		"AWS-S3-001 arn:aws:s3:::acme-prod-audit-logs":                        "examples/acme/terraform/s3.tf:2",
		"AWS-S3-001 arn:aws:s3:::acme-prod-ledger-exports":                    "examples/acme/terraform/s3.tf:22",
		"GH-ORG-002 github.com/acme-payments":                                 "examples/acme/terraform/github.tf:58",
		"GH-REPO-001 github.com/acme-payments/status-page":                    "examples/acme/terraform/github.tf:22",
		"GH-REPO-002 github.com/acme-payments/status-page":                    "examples/acme/terraform/github.tf:22",
		"GH-REPO-003 github.com/acme-payments/payments-api":                   "examples/acme/terraform/github.tf:1",
		"GH-REPO-003 github.com/acme-payments/status-page":                    "examples/acme/terraform/github.tf:22",
		// The status page's distribution and API (edge.tf).
		"AWS-APIGW-009 examples/acme/terraform/aws_apigatewayv2_api.status":     "examples/acme/terraform/edge.tf:78",
		"AWS-APIGW-010 examples/acme/terraform/aws_apigatewayv2_api.status":     "examples/acme/terraform/edge.tf:78",
		"AWS-CF-001 examples/acme/terraform/aws_cloudfront_distribution.status": "examples/acme/terraform/edge.tf:51",
		"AWS-CF-002 examples/acme/terraform/aws_cloudfront_distribution.status": "examples/acme/terraform/edge.tf:51",
		"AWS-CF-003 examples/acme/terraform/aws_cloudfront_distribution.status": "examples/acme/terraform/edge.tf:51",
		"AWS-CF-006 examples/acme/terraform/aws_cloudfront_distribution.status": "examples/acme/terraform/edge.tf:51",
		"AWS-CF-009 examples/acme/terraform/aws_cloudfront_distribution.status": "examples/acme/terraform/edge.tf:51",
		"AWS-CF-011 examples/acme/terraform/aws_cloudfront_distribution.status": "examples/acme/terraform/edge.tf:51",
		// ec2rds.tf (issue 18): the analytics launch template, subnet and Aurora cluster.
		"AWS-EC2-017 examples/acme/terraform/aws_launch_template.analytics_worker": "examples/acme/terraform/ec2rds.tf:23",
		"AWS-EC2-018 examples/acme/terraform/aws_launch_template.analytics_worker": "examples/acme/terraform/ec2rds.tf:23",
		"AWS-EC2-019 examples/acme/terraform/aws_launch_template.analytics_worker": "examples/acme/terraform/ec2rds.tf:23",
		"AWS-RDS-001 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		"AWS-RDS-019 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		"AWS-RDS-004 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		"AWS-RDS-006 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		"AWS-RDS-008 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		"AWS-RDS-009 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		"AWS-RDS-010 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		"AWS-RDS-011 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		"AWS-RDS-012 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		"AWS-VPC-003 examples/acme/terraform/aws_subnet.analytics_public":          "examples/acme/terraform/ec2rds.tf:6",
		// The bastion's and web groups admit the internet; their system
		// (engineering-platform) does not say it faces it.
		"AWS-EC2-021 examples/acme/terraform/aws_security_group.bastion":               "examples/acme/terraform/network.tf:1",
		"AWS-EC2-021 examples/acme/terraform/aws_security_group.web":                   "examples/acme/terraform/network.tf:14",
		"AWS-LAMBDA-002 examples/acme/terraform/aws_lambda_function.preview":           "examples/acme/terraform/compute.tf:52",
		"AWS-LAMBDA-004 examples/acme/terraform/aws_lambda_function.preview":           "examples/acme/terraform/compute.tf:52",
		"AWS-LAMBDA-005 examples/acme/terraform/aws_lambda_function.preview":           "examples/acme/terraform/compute.tf:52",
		"AWS-LAMBDA-006 examples/acme/terraform/aws_lambda_function.preview":           "examples/acme/terraform/compute.tf:52",
		"AWS-LAMBDA-007 examples/acme/terraform/aws_lambda_function.preview":           "examples/acme/terraform/compute.tf:52",
		"AWS-SM-001 examples/acme/terraform/aws_secretsmanager_secret.reporting_token": "examples/acme/terraform/data.tf:32",
		"AWS-SM-005 examples/acme/terraform/aws_secretsmanager_secret.reporting_token": "examples/acme/terraform/data.tf:32",
		// threats.tf: Lambda Protection off. The module's aws.account (located
		// at the detector, its first account-level setting) manages no trail,
		// which says nothing about the account's trails: AWS-CT-010/013/014/015
		// are not_evaluated there, not failures (checked below).
		"AWS-GD-009 examples/acme/terraform/aws_guardduty_detector.payments": "examples/acme/terraform/threats.tf:5",
		// logs.tf: the analytics ETL log group, kept a week without a key.
		"AWS-LOGS-001 examples/acme/terraform/aws_cloudwatch_log_group.analytics_etl": "examples/acme/terraform/logs.tf:11",
		"AWS-LOGS-002 examples/acme/terraform/aws_cloudwatch_log_group.analytics_etl": "examples/acme/terraform/logs.tf:11",
		"AWS-SNS-001 examples/acme/terraform/aws_sns_topic.analytics_exports":         "examples/acme/terraform/data.tf:58",
		"AWS-SNS-002 examples/acme/terraform/aws_sns_topic.analytics_exports":         "examples/acme/terraform/data.tf:58",
		"AWS-SNS-003 examples/acme/terraform/aws_sns_topic.analytics_exports":         "examples/acme/terraform/data.tf:58",
		"AWS-SQS-003 examples/acme/terraform/aws_sqs_queue.build_cache_dlq":           "examples/acme/terraform/compute.tf:10",
		"AWS-DDB-001 examples/acme/terraform/aws_dynamodb_table.analytics_scratch":    "examples/acme/terraform/data.tf:93",
		"AWS-DDB-002 examples/acme/terraform/aws_dynamodb_table.analytics_scratch":    "examples/acme/terraform/data.tf:93",
		"AWS-DDB-003 examples/acme/terraform/aws_dynamodb_table.analytics_scratch":    "examples/acme/terraform/data.tf:93",
		"AWS-DDB-004 examples/acme/terraform/aws_dynamodb_table.analytics_scratch":    "examples/acme/terraform/data.tf:93",
		// backup.tf: the analytics vault and plan; the cluster and the
		// scratch table are in no plan.
		"AWS-BK-002 examples/acme/terraform/aws_backup_vault.analytics":           "examples/acme/terraform/backup.tf:49",
		"AWS-BK-005 examples/acme/terraform/aws_backup_vault.analytics":           "examples/acme/terraform/backup.tf:49",
		"AWS-BK-006 examples/acme/terraform/aws_backup_plan.analytics":            "examples/acme/terraform/backup.tf:67",
		"AWS-BK-008 examples/acme/terraform/aws_dynamodb_table.analytics_scratch": "examples/acme/terraform/data.tf:93",
		"AWS-BK-008 examples/acme/terraform/aws_rds_cluster.analytics":            "examples/acme/terraform/ec2rds.tf:49",
		// organizations.tf: the security-services deny on one OU only, and
		// no delegated administrator for Security Hub or Config.
		"AWS-ORG-005 examples/acme/terraform/aws_organizations_organization.acme": "examples/acme/terraform/organizations.tf:8",
		"AWS-ORG-007 examples/acme/terraform/aws_organizations_organization.acme": "examples/acme/terraform/organizations.tf:8",
	}
	for k, v := range want {
		require.Equal(t, v, failing[k], "finding %s", k)
	}
	for k := range failing {
		_, expected := want[k]
		require.True(t, expected || !strings.Contains(k, "examples/acme/terraform/") && !strings.HasPrefix(k, "AWS-S3-001") && !strings.HasPrefix(k, "AWS-EC2-001"),
			"unexpected failure %s at %s", k, failing[k])
	}
	// A module without a trail says nothing about the account's trails.
	trailControls := map[string]bool{"AWS-CT-010": true, "AWS-CT-013": true, "AWS-CT-014": true, "AWS-CT-015": true}
	seen := 0
	for _, f := range r.Findings {
		if trailControls[f.ControlID] && f.Resource.ID == "examples/acme/terraform/aws_account" {
			seen++
			require.Equal(t, finding.NotEvaluated, f.Status, f.ControlID)
			require.Contains(t, f.Message, "aws.cloudtrail.trail was not collected for terraform", f.ControlID)
		}
	}
	require.Equal(t, 4, seen, "the four account-trail controls judge the module's aws.account")
	// The correctly configured buckets (one inline module instance per log source and the artifacts bucket) pass.
	for _, f := range r.Findings {
		if f.ControlID == "AWS-S3-001" && (f.Resource.ID == "arn:aws:s3:::acme-prod-artifacts" || f.Resource.ID == "arn:aws:s3:::acme-prod-alb-logs") {
			require.Equal(t, finding.Pass, f.Status, f.Resource.ID)
		}
	}
	require.NotNil(t, r.Gate)
	require.False(t, r.Gate.Passed)
	require.Equal(t, "engineering-platform", systemOf(r, "arn:aws:s3:::acme-prod-audit-logs"), "claimed through the workspace's terraform paths selector")

	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(filepath.Join(out, "r.sarif"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &sarif))
	var locs []string
	for _, res := range sarif.Runs[0].Results {
		pl := res.Locations[0].PhysicalLocation
		locs = append(locs, res.RuleID+" "+pl.ArtifactLocation.URI+":"+itoa(pl.Region.StartLine))
	}
	require.Contains(t, locs, "AWS-S3-001 examples/acme/terraform/s3.tf:2")
	require.Contains(t, locs, "AWS-S3-001 examples/acme/terraform/s3.tf:22")
	require.Contains(t, locs, "AWS-EC2-001 examples/acme/terraform/network.tf:14")

	data, err = os.ReadFile(filepath.Join(out, "j.xml"))
	require.NoError(t, err)
	require.NoError(t, xml.Unmarshal(data, new(struct{})))
	md, err := os.ReadFile(filepath.Join(out, "c.md"))
	require.NoError(t, err)
	require.Contains(t, string(md), "`examples/acme/terraform/network.tf:14`")
}

func systemOf(r *report.Report, id string) string {
	for _, f := range r.Findings {
		if f.Resource.ID == id {
			return f.Resource.System
		}
	}
	return ""
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

const openSSH = `resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`

const openRDP = `resource "aws_security_group" "rdp" {
  name = "rdp"
  ingress {
    protocol    = "tcp"
    from_port   = 3389
    to_port     = 3389
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

// TestGateBaselines: only what a change adds blocks, against an earlier
// report and against a git ref.
func TestGateBaselines(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "infra/old.tf", openSSH)
	writeFile(t, dir, "later/README.md", "Terraform for the next project goes here.\n")
	git(t, dir, "init", "-q")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "base")

	// The base branch already fails: without a baseline that blocks. The open
	// group fails twice: SSH to the internet (AWS-EC2-001), and an opening no
	// system declared (AWS-EC2-021, the folder has no workspace).
	res := run(t, "gate", "infra", "--format", "json=base.json")
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stderr, "2 new, 0 unchanged, 0 fixed")

	// Against itself nothing is new.
	res = run(t, "gate", "infra", "--baseline", "base.json")
	require.Equal(t, 0, res.code, res.stderr)
	require.Contains(t, res.stderr, "rampart gate passed (baseline base.json")
	res = run(t, "gate", "infra", "--baseline-ref", "HEAD")
	require.Equal(t, 0, res.code, res.stderr)
	require.Contains(t, res.stderr, "0 new, 2 unchanged, 0 fixed")

	// The change fixes SSH and opens RDP: two new, two fixed.
	require.NoError(t, os.Remove(filepath.Join(dir, "infra/old.tf")))
	writeFile(t, dir, "infra/new.tf", openRDP)
	res = run(t, "gate", "infra", "--baseline-ref", "HEAD", "--format", "json=pr.json")
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stderr, "2 new, 0 unchanged, 2 fixed")
	require.Contains(t, res.stderr, "new critical failure AWS-EC2-001 on infra/aws_security_group.rdp")
	pr := readReport(t, filepath.Join(dir, "pr.json"))
	require.Equal(t, "git:HEAD", pr.Gate.Baseline)
	require.Equal(t, "infra/aws_security_group.bastion", pr.Gate.Fixed[0].Resource.ID)

	// A threshold above critical lets it through.
	res = run(t, "gate", "infra", "--baseline-ref", "HEAD", "--fail-on", "critical")
	require.Equal(t, 1, res.code, "critical is still at or above critical")
	res = run(t, "gate", "infra", "--baseline", "base.json", "--fail-on", "critical")
	require.Equal(t, 1, res.code)

	// A folder added by the change, or one that held no Terraform at the
	// ref, has no baseline: everything in it is new.
	writeFile(t, dir, "added/x.tf", openSSH)
	res = run(t, "gate", "added", "--baseline-ref", "HEAD")
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stderr, "2 new, 0 unchanged, 0 fixed")
	writeFile(t, dir, "later/main.tf", openSSH)
	res = run(t, "gate", "later", "--baseline-ref", "HEAD")
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stderr, "2 new, 0 unchanged, 0 fixed")
}

func TestGateInputErrors(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "bad/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"unterminated\n}\n")
	writeFile(t, dir, "good/main.tf", openSSH)
	writeFile(t, dir, "base.json", `{"schema": "rampart.report/v1", "findings": [,]}`)
	writeFile(t, dir, "empty/README.md", "nothing here yet")
	tests := []struct {
		name       string
		args       []string
		want       int
		wantStderr string
	}{
		{"syntax error", []string{"gate", "bad"}, 2, "bad/main.tf:2:"},
		{"missing path", []string{"gate", "nope"}, 2, "read terraform nope"},
		{"no configuration", []string{"gate", "empty"}, 2, "no Terraform configuration (*.tf) and no .github/workflows/*.yml found"},
		{"both baselines", []string{"gate", "good", "--baseline", "base.json", "--baseline-ref", "HEAD"}, 2, "exclusive"},
		{"bad fail-on", []string{"gate", "good", "--fail-on", "severe"}, 2, `unknown severity "severe"`},
		{"bad baseline", []string{"gate", "good", "--baseline", "base.json"}, 2, "invalid JSON at byte offset 45 (line 1, column 46)"},
		{"ref without repository", []string{"gate", "good", "--baseline-ref", "HEAD"}, 2, "--baseline-ref"},
		{"unknown format", []string{"gate", "good", "--format", "pdf"}, 2, `unknown format "pdf"`},
		{"bad workspace", []string{"gate", "good", "--workspace", "nowhere"}, 2, "workspace"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, tc.args...)
			require.Equal(t, tc.want, res.code, res.stderr)
			require.Contains(t, res.stderr, tc.wantStderr)
		})
	}
}

// TestGateUnknownBlocks: a new result the gate could not evaluate at or
// above --fail-on exits 3 unless --allow-unknown.
func TestGateUnknownBlocks(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "main.tf", `variable "cidr" {}
resource "aws_security_group" "x" {
  name = "x"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = [var.cidr]
  }
}
`)
	res := run(t, "gate", "--format", "json=r.json")
	require.Equal(t, 3, res.code, res.stderr)
	require.Contains(t, res.stderr, `variable "cidr" has no default`)
	r := readReport(t, filepath.Join(dir, "r.json"))
	for _, f := range r.Findings {
		if f.ControlID == "AWS-EC2-001" {
			require.Equal(t, finding.NotEvaluated, f.Status)
		}
	}
	res = run(t, "gate", "--allow-unknown")
	require.Equal(t, 0, res.code, res.stderr)
	res = run(t, "gate", "--allow-unknown", "--var-file", "prod.tfvars")
	require.Equal(t, 2, res.code, "a missing var file is an input error")
	writeFile(t, dir, "prod.tfvars", `cidr = "0.0.0.0/0"`)
	res = run(t, "gate", "--var-file", "prod.tfvars")
	require.Equal(t, 1, res.code, res.stderr)
	writeFile(t, dir, "vars/staging.json", `{"cidr": "10.0.0.0/8"}`)
	res = run(t, "gate", "--var-file", "vars/staging.json")
	require.Equal(t, 0, res.code, "a JSON var file: %s", res.stderr)
}

// TestActionUsesRealFlags keeps action.yml and the example workflow in step
// with the command: every --flag they pass must exist on `rampart gate`, and
// every format they ask for must be registered.
func TestActionUsesRealFlags(t *testing.T) {
	t.Parallel()
	cmd := newGateCommand(Params{})
	for _, file := range []string{"../../action.yml", "../../examples/workflows/rampart-gate.yml"} {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		for _, m := range regexp.MustCompile(`\(gate\b|--([a-z][a-z-]+)`).FindAllStringSubmatch(string(data), -1) {
			if m[1] == "" || m[1] == "no-tags" || m[1] == "depth" || m[1] == "trimpath" {
				continue
			}
			require.NotNil(t, cmd.Flags().Lookup(m[1]), "%s passes --%s, which rampart gate does not have", file, m[1])
		}
		for _, m := range regexp.MustCompile(`--format "([a-z]+)=`).FindAllStringSubmatch(string(data), -1) {
			_, err := report.Lookup(m[1])
			require.NoError(t, err, file)
		}
	}
}

// TestGateNeverPassesUnnamedResources: a resource whose name or ID is only
// known after apply must still fail (or be not evaluated), never pass
// because a control could not build its message.
func TestGateNeverPassesUnnamedResources(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "main.tf", `resource "aws_s3_bucket" "generated" {
  bucket_prefix = "logs-"
}

resource "aws_instance" "app" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "optional"
  }
}

resource "github_repository" "nobranch" {
  name = "nobranch"
}
`)
	res := run(t, "gate", "--allow-unknown", "--fail-on", "critical", "--format", "json=r.json")
	require.NotEqual(t, 2, res.code, res.stderr)
	r := readReport(t, filepath.Join(dir, "r.json"))
	status := map[string]finding.Status{}
	for _, f := range r.Findings {
		status[f.ControlID+" "+f.Resource.ID] = f.Status
	}
	require.Equal(t, finding.Fail, status["AWS-S3-001 aws_s3_bucket.generated"])
	require.Equal(t, finding.Fail, status["AWS-EC2-005 aws_instance.app"], "IMDSv1 allowed: %v", status)
	require.Equal(t, finding.NotEvaluated, status["GH-REPO-001 github_repository.nobranch"])
}

// TestAuditWritesGateFormats: the SARIF, JUnit and Markdown writers serve
// audit too, several in one run.
func TestAuditWritesGateFormats(t *testing.T) {
	out := t.TempDir()
	res := run(t, "audit", "../../examples/acme",
		"--format", "sarif="+filepath.Join(out, "a.sarif"), "--format", "junit="+filepath.Join(out, "a.xml"),
		"--format", "markdown="+filepath.Join(out, "a.md"), "--format", "json="+filepath.Join(out, "a.json"))
	require.Contains(t, []int{1, 3}, res.code, res.stderr)
	r := readReport(t, filepath.Join(out, "a.json"))
	require.Nil(t, r.Gate, "audit has no gate section")
	sarif, err := os.ReadFile(filepath.Join(out, "a.sarif"))
	require.NoError(t, err)
	var doc struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(sarif, &doc))
	require.Equal(t, "2.1.0", doc.Version)
	require.Equal(t, r.Summary.Total-r.Summary.Pass, len(doc.Runs[0].Results), "every non-passing result")
	md, err := os.ReadFile(filepath.Join(out, "a.md"))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(md), "## Rampart audit"))
	junit, err := os.ReadFile(filepath.Join(out, "a.xml"))
	require.NoError(t, err)
	require.NoError(t, xml.Unmarshal(junit, new(struct{})))
}

// TestGateWaivers: a waiver turns a new failure into waived (the gate
// passes) and, expiring within 30 days, is warned about in the log and the
// Markdown comment; the same waiver past its date fails the gate.
func TestGateWaivers(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "infra/main.tf", openSSH)
	waiver := func(expires string) {
		writeFile(t, dir, "workspace.hcl", `person "carol" {
  name  = "Carol"
  email = "carol@example.com"
  roles = ["iso"]
}

# The bastion is meant to face the internet (AWS-EC2-021 passes); its SSH
# to the world (AWS-EC2-001) is what the waiver covers.
system "bastion" {
  owner           = "carol"
  classification  = "internal"
  internet_facing = true
  terraform {
    paths = ["infra/**"]
  }
}

waiver "bastion-ssh" {
  control     = "AWS-EC2-001"
  resources   = ["infra/aws_security_group.bastion"]
  reason      = "Bastion replaced by SSM in Q1"
  approved_by = "carol"
  expires     = "`+expires+`"
}
`)
	}
	waiver("2026-12-10") // fixedNow is 2026-11-27
	res := run(t, "gate", "infra", "--format", "markdown=c.md")
	require.Equal(t, 0, res.code, res.stderr)
	require.Contains(t, res.stderr, "1 waived")
	require.Contains(t, res.stderr, "warning: waiver bastion-ssh expires on 2026-12-10 (within 30 days)")
	md, err := os.ReadFile(filepath.Join(dir, "c.md"))
	require.NoError(t, err)
	require.Contains(t, string(md), "| bastion-ssh | AWS-EC2-001 | expiring | 2026-12-10 | carol |")

	waiver("2026-11-26")
	res = run(t, "gate", "infra")
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stderr, "waiver bastion-ssh (AWS-EC2-001) expired on 2026-11-26")
}

// TestGateWorkspaceDefault: HCL at the root that is not a rampart workspace
// (the Terraform lock file, Terragrunt) does not become the workspace.
func TestGateWorkspaceDefault(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "main.tf", openRDP)
	writeFile(t, dir, ".terraform.lock.hcl", `provider "registry.terraform.io/hashicorp/aws" {
  version = "5.0.0"
  hashes  = ["h1:abc"]
}
`)
	res := run(t, "gate")
	require.Equal(t, 1, res.code, res.stderr)
	require.Contains(t, res.stderr, `note: .terraform.lock.hcl is not rampart workspace HCL (block "provider")`)

	require.NoError(t, os.Remove(filepath.Join(dir, ".terraform.lock.hcl")))
	writeFile(t, dir, "people.hcl", `person "carol" {
  name  = "Carol"
  email = "carol@example.com"
  roles = ["iso"]
}
`)
	res = run(t, "gate", "--format", "json=r.json")
	require.Equal(t, 1, res.code, res.stderr)
	require.Equal(t, ".", readReport(t, filepath.Join(dir, "r.json")).Workspace, "a workspace at the root is used")
}

// TestGateReportOnly: --fail-on none and --soft-fail make the gate a
// report-only run, decided by verdict.Decide as audit's is: a new critical
// failure no longer fails it and every report says so (what still exits
// 3 under it is verdict's and gate's unit tests); the two flags
// contradicting each other is a usage error.
func TestGateReportOnly(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "main.tf", `resource "aws_security_group" "open" {
  name = "open"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`)
	res := run(t, "gate")
	require.Equal(t, 1, res.code, "the default --fail-on high blocks the open SSH port: %s", res.stderr)

	for _, args := range [][]string{{"--fail-on", "none"}, {"--soft-fail"}, {"--soft-fail", "--fail-on", "none"}} {
		res := run(t, append([]string{"gate", "--format", "json=r.json", "--format", "markdown=c.md", "--format", "text"}, args...)...)
		require.Equal(t, 0, res.code, "%v: %s", args, res.stderr)
		require.Contains(t, res.stderr, "rampart gate passed (baseline none, report only, --fail-on none)", args)
		require.Contains(t, res.stdout, "report only: --fail-on none", "the text report")
		require.Contains(t, res.stdout, "AWS-EC2-001", "the failure is still reported")
		r := readReport(t, filepath.Join(dir, "r.json"))
		require.Equal(t, "none", r.Gate.FailOn)
		require.Empty(t, r.Gate.Blocking)
		md, err := os.ReadFile(filepath.Join(dir, "c.md"))
		require.NoError(t, err)
		require.Contains(t, string(md), "report only (`--fail-on none`)")
	}

	res = run(t, "gate", "--soft-fail", "--fail-on", "high")
	require.Equal(t, 2, res.code, res.stderr)
	require.Contains(t, res.stderr, "--soft-fail is --fail-on none: it contradicts --fail-on high")
	res = run(t, "gate", "--fail-on", "urgent")
	require.Equal(t, 2, res.code)
	require.Contains(t, res.stderr, "or none")
}
