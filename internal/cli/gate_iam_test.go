package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rampart-audit/rampart/internal/finding"
)

// publicTrustControl fails a role anyone may assume. It stands in for the
// built-in role controls: what this test pins is that the trust policy
// reaches controls in the pull request at all.
const publicTrustControl = `# METADATA
# title: No role trusts every AWS principal
# custom:
#   id: ACME-IAM-001
#   severity: high
#   resource_types: [aws.iam.role]
#   frameworks:
#     iso27001-2022: ["A.5.15"]
#   remediation:
#     console: Name the accounts the role trusts.
#     terraform: Name the accounts in the principals block.
package acme.iam.public_trust

import data.rampart.lib

deny contains sprintf("role %s trusts every AWS principal", [lib.label("role_name")]) if {
	some st in lib.statements(input.attributes.assume_role_policy)
	st.Effect == "Allow"
	public(st.Principal)
}

public(p) if p == "*"

public(p) if p.AWS == "*"

public(p) if "*" in p.AWS

unknown contains {"msg": "the trust policy is unknown", "path": "attributes.assume_role_policy"} if {
	not is_object(lib.attr("assume_role_policy"))
}
`

// iamConfig is a role whose trust and an attached policy are written with
// data "aws_iam_policy_document"; principal is the trusted identifier.
func iamConfig(principal string) string {
	return `variable "partner" {
  type = string
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [` + principal + `]
    }
  }
}

resource "aws_iam_role" "open" {
  name               = "open"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_iam_role_policy_attachment" "open" {
  role       = aws_iam_role.open.name
  policy_arn = aws_iam_policy.admin.arn
}
`
}

// TestGateIAMPolicyDocuments: policies written with data
// "aws_iam_policy_document" are judged in the pull request. Before, every
// such document was unknown ("data source … is read during plan"): a role
// trusting {"AWS": "*"} and an admin policy were not_evaluated and the
// gate exited 3 instead of failing them. An unknown principal still makes
// the whole document unknown: not_evaluated (exit 3), never a pass.
func TestGateIAMPolicyDocuments(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "controls/trust.rego", publicTrustControl)
	gate := func(principal string) (result, map[string]finding.Finding) {
		writeFile(t, dir, "infra/main.tf", iamConfig(principal))
		res := run(t, "gate", "--controls", "embedded", "--controls", "controls", "infra", "--format", "json=r.json")
		byKey := map[string]finding.Finding{}
		for _, f := range readReport(t, filepath.Join(dir, "r.json")).Findings {
			if strings.HasPrefix(f.Resource.ID, "infra/") {
				byKey[f.ControlID+" "+strings.TrimPrefix(f.Resource.ID, "infra/")] = f
			}
		}
		return res, byKey
	}

	res, fs := gate(`"*"`)
	require.Equal(t, 1, res.code, res.stderr)
	trust := fs["ACME-IAM-001 aws_iam_role.open"]
	require.Equal(t, finding.Fail, trust.Status, "%+v", trust)
	require.Contains(t, trust.Message, "role open trusts every AWS principal")
	admin := fs["AWS-IAM-010 aws_iam_policy.admin"]
	require.Equal(t, finding.Fail, admin.Status, "%+v", admin)
	require.Contains(t, admin.Message, "allows every action on every resource")

	res, fs = gate(`"arn:aws:iam::111122223333:root"`)
	require.Equal(t, finding.Pass, fs["ACME-IAM-001 aws_iam_role.open"].Status, res.stderr)

	res, fs = gate(`"arn:aws:iam::${var.partner}:root", "*"`)
	require.Equal(t, 3, res.code, res.stderr)
	trust = fs["ACME-IAM-001 aws_iam_role.open"]
	require.Equal(t, finding.NotEvaluated, trust.Status, "a document with an unknown principal must not be judged on the known one")
	require.Contains(t, trust.Message, `variable "partner" has no default`)
}
