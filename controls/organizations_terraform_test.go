package controls_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/controls"
	"github.com/rampart-audit/rampart/internal/engine"
	"github.com/rampart-audit/rampart/internal/finding"
	"github.com/rampart-audit/rampart/internal/model"
	"github.com/rampart-audit/rampart/internal/terraform"
)

// The Organizations controls run on Terraform as on live evidence: each
// configuration is one root module (the organisation and its SCPs), an
// SCP on the root passes, one on an OU or detached fails, and one whose
// content or target is known only after apply is not_evaluated — never a
// pass.
func TestOrganizationsControlsOnTerraform(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	eng, err := engine.New(ctx, []engine.Source{{Name: "controls", FS: controls.FS}})
	require.NoError(t, err)

	const org = `
resource "aws_organizations_organization" "o" {
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
}
resource "aws_organizations_organizational_unit" "ou" {
  name      = "Workloads"
  parent_id = aws_organizations_organization.o.roots[0].id
}
variable "content" { type = string }
variable "target" { type = string }
`
	scp := func(content, target string) string {
		return org + `
resource "aws_organizations_policy" "p" {
  name    = "p"
  content = ` + content + `
}
resource "aws_organizations_policy_attachment" "p" {
  policy_id = aws_organizations_policy.p.id
  target_id = ` + target + `
}`
	}
	const leave = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })`
	const security = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Resource = "*", Action = ["guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount", "guardduty:UpdateDetector", "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "config:DeleteConfigurationRecorder", "config:StopConfigurationRecorder", "config:DeleteDeliveryChannel", "securityhub:DisableSecurityHub"] }] })`
	const regions = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", NotAction = ["iam:*", "sts:*", "organizations:*"], Resource = "*", Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1"] } } }] })`
	const root, ou = "aws_organizations_organization.o.roots[0].id", "aws_organizations_organizational_unit.ou.id"
	delegated := func(principals ...string) string {
		tf := org
		for i, p := range principals {
			tf += "\nresource \"aws_organizations_delegated_administrator\" \"d" + string(rune('a'+i)) + "\" {\n  account_id = \"555566667777\"\n  service_principal = \"" + p + "\"\n}\n"
		}
		return tf
	}
	pass, fail, ne := finding.Pass, finding.Fail, finding.NotEvaluated
	for _, tc := range []struct {
		name, control, tf string
		want              finding.Status
		settings          model.Settings
	}{
		{"all features", "AWS-ORG-002", org, pass, model.Settings{}},
		{"all features, billing only", "AWS-ORG-002", `resource "aws_organizations_organization" "o" { feature_set = "CONSOLIDATED_BILLING" }`, fail, model.Settings{}},
		{"SCPs enabled", "AWS-ORG-003", org, pass, model.Settings{}},
		{"SCPs not enabled", "AWS-ORG-003", `resource "aws_organizations_organization" "o" {}`, fail, model.Settings{}},
		{"leave denied on the root", "AWS-ORG-004", scp(leave, root), pass, model.Settings{}},
		{"leave denied on an OU only", "AWS-ORG-004", scp(leave, ou), fail, model.Settings{}},
		{"leave deny's content after apply", "AWS-ORG-004", scp("var.content", root), ne, model.Settings{}},
		{"leave deny's target after apply", "AWS-ORG-004", scp(leave, "var.target"), ne, model.Settings{}},
		{"no SCP at all", "AWS-ORG-004", org, fail, model.Settings{}},
		{"security services on the root", "AWS-ORG-005", scp(security, root), pass, model.Settings{}},
		{"security services on an OU only", "AWS-ORG-005", scp(security, ou), fail, model.Settings{}},
		{"region deny on the root", "AWS-ORG-006", scp(regions, root), pass, model.Settings{}},
		{"region deny missing", "AWS-ORG-006", scp(leave, root), fail, model.Settings{}},
		{"region deny within allowed_regions", "AWS-ORG-006", scp(regions, root), pass, model.Settings{AllowedRegions: []string{"eu-west-1", "us-east-1"}}},
		{"region deny leaves open a region allowed_regions lacks", "AWS-ORG-006", scp(regions, root), fail, model.Settings{AllowedRegions: []string{"us-east-1"}}},
		{"region deny's content after apply, allowed_regions set", "AWS-ORG-006", scp("var.content", root), ne, model.Settings{AllowedRegions: []string{"us-east-1"}}},
		{"delegated administrators", "AWS-ORG-007", delegated("guardduty.amazonaws.com", "securityhub.amazonaws.com", "config.amazonaws.com"), pass, model.Settings{}},
		{"delegated administrators, Config missing", "AWS-ORG-007", delegated("guardduty.amazonaws.com", "securityhub.amazonaws.com"), fail, model.Settings{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tc.tf), 0o644))
			res, err := terraform.Load(ctx, os.DirFS(dir), []string{"."}, terraform.Options{})
			require.NoError(t, err)
			require.False(t, res.Diagnostics.HasErrors(), "%s", res.Diagnostics.Error())
			got := map[string]finding.Status{}
			for _, f := range eng.EvaluateIn(ctx, res.Snapshot, engine.Env{Settings: tc.settings.ControlInput()}) {
				if f.ControlID == tc.control {
					got[f.Resource.ID] = f.Status
				}
			}
			assert.Equal(t, map[string]finding.Status{"aws_organizations_organization.o": tc.want}, got)
		})
	}
}
