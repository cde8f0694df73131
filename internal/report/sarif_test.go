package report

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/evidence"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/link"
)

// gateFixture is a gate run over Terraform and live findings: every status,
// every gate class (new, unchanged, fixed), waivers expiring and expired.
func gateFixture() *Report {
	tf := func(control string, sev finding.Severity, status finding.Status, typ, id, file string, line int, msg string) finding.Finding {
		f := fixtureFinding(control, sev, status, typ, id, "platform", msg)
		f.Title = map[string]string{"AWS-S3-001": "S3 Block Public Access is on", "AWS-EC2-001": "No admin ports open to the internet", "AWS-IAM-001": "Console users have MFA"}[control]
		f.Resource.Source = evidence.Source{Kind: "terraform", File: file, Line: line}
		f.Frameworks = map[string][]string{"cis-aws-3.0": {"5.2"}, "iso27001-2022": {"A.8.20"}}
		return f
	}
	open := tf("AWS-EC2-001", finding.Critical, finding.Fail, "aws.ec2.security_group", "infra/aws_security_group.web", "infra/network.tf", 14, "ingress rule 2 allows 0.0.0.0/0 to port 3389 (RDP)")
	old := tf("AWS-S3-001", finding.High, finding.Fail, "aws.s3.bucket", "arn:aws:s3:::acme-logs", "infra/s3 files/main.tf", 2, `bucket "acme-logs" has no <Block Public Access> | configuration`)
	unknown := tf("AWS-IAM-001", finding.High, finding.NotEvaluated, "aws.iam.user", "infra/aws_iam_user.erin", "infra/iam.tf", 9, "mfa_devices unknown: MFA devices are enrolled by the user")
	waived := tf("AWS-S3-001", finding.High, finding.Waived, "aws.s3.bucket", "arn:aws:s3:::acme-public-site", "infra/s3 files/main.tf", 30, "Block Public Access setting block_public_policy is off")
	waived.Waiver = "public-site"
	pass := tf("AWS-S3-001", finding.High, finding.Pass, "aws.s3.bucket", "arn:aws:s3:::acme-artifacts", "infra/s3 files/main.tf", 40, "passed")
	live := fixtureFinding("GH-REPO-001", finding.High, finding.Error, "github.repository", "github.com/acme/api", "", "evaluation exceeded the time limit of 5s")
	fixed := tf("AWS-EC2-001", finding.Critical, finding.Fail, "aws.ec2.security_group", "infra/aws_security_group.bastion", "infra/network.tf", 1, "ingress rule 0 allows 0.0.0.0/0 to port 22 (SSH)")
	fs := []finding.Finding{open, old, unknown, waived, pass, live}
	return &Report{
		Schema: SchemaV1, GeneratedAt: time.Date(2026, 7, 1, 9, 30, 0, 0, time.UTC), Workspace: "examples/acme",
		Summary:  finding.Summarize(fs),
		Evidence: EvidenceInfo{Collectors: []string{"terraform"}, Resources: 6, NotCollected: []evidence.NotCollected{}},
		Findings: fs,
		Waivers: []link.WaiverStatus{
			{ID: "public-site", Control: "AWS-S3-001", State: link.WaiverExpiring, Expires: "2026-07-20", ApprovedBy: "carol", Reason: "static site", Matched: 1, Waived: 1},
			{ID: "office-vpn", Control: "AWS-EC2-001", State: link.WaiverExpired, Expires: "2026-06-30", ApprovedBy: "carol", Reason: "office move"},
		},
		Warnings: []string{"infra/main.tf:3:1: Remote module not evaluated: module vpc comes from \"terraform-aws-modules/vpc/aws\""},
		Gate: &GateInfo{
			Baseline: "git:origin/main", FailOn: string(finding.High),
			Changes:  map[string]string{open.Fingerprint: "new", unknown.Fingerprint: "new", live.Fingerprint: "new", old.Fingerprint: "unchanged"},
			Fixed:    []finding.Finding{fixed},
			Blocking: []string{open.Fingerprint, unknown.Fingerprint, live.Fingerprint},
			Reasons:  []string{"new critical failure AWS-EC2-001 on infra/aws_security_group.web", "waiver office-vpn (AWS-EC2-001) expired on 2026-06-30"},
			LinkBase: "https://github.com/acme/infra/blob/0123abc/",
		},
		Controls: []ControlDoc{{
			ID: "AWS-EC2-001", Title: "No admin ports open to the internet", Description: "No ingress rule allows 0.0.0.0/0 to SSH or RDP.", Severity: finding.Critical,
			Frameworks: map[string][]string{"cis-aws-3.0": {"5.2"}, "iso27001-2022": {"A.8.20"}},
			Console:    "Remove 0.0.0.0/0 from the inbound rules.", Terraform: "Remove the open cidr_blocks from the ingress rule.",
		}},
	}
}

func TestSARIFGolden(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, WriteSARIF(&buf, gateFixture()))
	compareGolden(t, "sarif.golden.sarif", buf.Bytes())
}

// TestSARIFSchema validates the output against the official SARIF 2.1.0
// schema (testdata/sarif-schema-2.1.0.json, from the npm package
// @microsoft/jest-sarif 1.0.0-beta.0, MIT): a gate run, an audit run with
// no gate section, and an empty run.
func TestSARIFSchema(t *testing.T) {
	t.Parallel()
	schemaDoc, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaDoc))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("sarif-schema-2.1.0.json", doc))
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	require.NoError(t, err)

	audit := gateFixture()
	audit.Gate, audit.Controls = nil, nil
	empty := &Report{Schema: SchemaV1, Findings: []finding.Finding{}}
	for name, r := range map[string]*Report{"gate": gateFixture(), "audit": audit, "empty": empty} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteSARIF(&buf, r))
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			require.NoError(t, err)
			require.NoError(t, schema.Validate(inst))
		})
	}
}

func TestSARIFContent(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	r := gateFixture()
	r.Controls[0].Equivalents = map[string][]string{"prowler": {"ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"}}
	require.NoError(t, WriteSARIF(&buf, r))
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string         `json:"id"`
						Help       SARIFText      `json:"help"`
						Properties map[string]any `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []SARIFResult `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &log))
	run := log.Runs[0]
	rules := map[string]int{}
	for i, rule := range run.Tool.Driver.Rules {
		rules[rule.ID] = i
	}
	require.Len(t, rules, 4, "one rule per control with a non-passing result")
	ec2 := run.Tool.Driver.Rules[rules["AWS-EC2-001"]]
	require.Equal(t, "9.5", ec2.Properties["security-severity"])
	require.Contains(t, ec2.Help.Text, "Terraform: Remove the open cidr_blocks")
	require.Contains(t, ec2.Properties["tags"], "cis-aws-3.0/5.2")
	require.Equal(t, map[string]any{"prowler": []any{"ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"}}, ec2.Properties["equivalents"])
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ID != "AWS-EC2-001" {
			require.NotContains(t, rule.Properties, "equivalents", "a control without equivalents gets no empty property")
		}
	}

	byState := map[string]int{}
	for _, res := range run.Results {
		require.Equal(t, rules[res.RuleID], res.RuleIndex)
		require.NotEmpty(t, res.PartialFingerprints["rampart/v1"])
		byState[res.BaselineState]++
		if res.Properties.Status == "pass" {
			t.Fatalf("passing result written: %+v", res)
		}
	}
	require.Equal(t, map[string]int{"new": 3, "unchanged": 1, "absent": 1, "": 1}, byState)
	first := run.Results[0]
	require.Equal(t, "infra/network.tf", first.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	require.Equal(t, 14, first.Locations[0].PhysicalLocation.Region.StartLine)
	require.Equal(t, "error", first.Level)
	require.Equal(t, "infra/s3%20files/main.tf", run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI)
}
