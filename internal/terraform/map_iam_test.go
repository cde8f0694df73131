package terraform

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestIAMRolesAndGroups: roles carry their trust policy however it is
// written (jsonencode, heredoc, data "aws_iam_policy_document"), their
// inline documents and every attachment form; groups their policies and
// members from both membership resources; AWS-managed policies show by
// name wherever they are attached.
func TestIAMRolesAndGroups(t *testing.T) {
	t.Parallel()
	res := load(t, "iamroles", Options{})

	open := byID(t, res, "aws_iam_role.open")
	// The gap this closes: a role trusting {"AWS": "*"} through a policy
	// document was not_evaluated (the data source was unknown).
	require.Equal(t, map[string]any{"AWS": "*"}, statement(t, open.Attributes["assume_role_policy"], 0)["Principal"])
	require.Equal(t, []any{map[string]any{"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess", "policy_name": "AdministratorAccess"}}, open.Attributes["attached_policies"])

	partner := byID(t, res, "aws_iam_role.partner")
	require.Equal(t, map[string]any{"AWS": "arn:aws:iam::444455556666:root"}, statement(t, partner.Attributes["assume_role_policy"], 0)["Principal"], "heredoc trust policy")
	names := []any{}
	for _, p := range partner.Attributes["attached_policies"].([]any) {
		names = append(names, p.(map[string]any)["policy_name"])
	}
	require.Equal(t, []any{"ReadOnlyAccess", "deploy", "AWSCloudShellFullAccess"}, names, "managed_policy_arns, then aws_iam_policy_attachment's roles")
	require.Equal(t, "unknown until apply: aws_iam_policy.deploy.arn", partner.Unknown["attached_policies[1].policy_arn"])

	ec2 := byID(t, res, "aws_iam_role.ec2")
	require.Equal(t, map[string]any{"Service": "ec2.amazonaws.com"}, statement(t, ec2.Attributes["assume_role_policy"], 0)["Principal"], "jsonencode trust policy")
	inline := ec2.Attributes["inline_policies"].([]any)
	require.Len(t, inline, 2, "the inline_policy block and aws_iam_role_policy (linked by the role's id)")
	require.Equal(t, "read-logs", inline[0].(map[string]any)["name"])
	require.Equal(t, []any{"logs:GetLogEvents", "logs:DescribeLogStreams"}, statement(t, inline[0].(map[string]any)["document"], 0)["Action"], "rendered by the policy document")
	require.Equal(t, "pass", inline[1].(map[string]any)["name"])
	require.Equal(t, "arn:aws:iam::111122223333:policy/boundary", ec2.Attributes["permissions_boundary"])
	require.Equal(t, "/service-role/", ec2.Attributes["path"])
	require.Contains(t, ec2.Unknown["last_used_date"], "known only live")

	admins := byID(t, res, "aws_iam_group.admins")
	require.Equal(t, []any{"alice"}, admins.Attributes["members"])
	require.Equal(t, "AdministratorAccess", admins.Attributes["attached_policies"].([]any)[0].(map[string]any)["policy_name"])
	require.Equal(t, "require-mfa", admins.Attributes["inline_policies"].([]any)[0].(map[string]any)["name"])
	require.Equal(t, []any{"bob"}, byID(t, res, "aws_iam_group.readers").Attributes["members"], "from aws_iam_user_group_membership")

	bob := byID(t, res, "aws_iam_user.bob")
	require.Equal(t, []any{"readers", "external-group"}, bob.Attributes["groups"])
	bobInline := bob.Attributes["inline_policies"].([]any)[0].(map[string]any)
	require.Equal(t, "bob-inline", bobInline["name"])
	require.Equal(t, "s3:*", statement(t, bobInline["document"], 0)["Action"], "the override document replaced statement Deploy")
	require.Equal(t, []any{"admins"}, byID(t, res, "aws_iam_user.alice").Attributes["groups"], "from aws_iam_group_membership")

	bucket := byID(t, res, "arn:aws:s3:::artifacts")
	require.Equal(t, "*", statement(t, bucket.Attributes["policy"].(map[string]any)["document"], 0)["Principal"], "bucket policy from a policy document")
}

// TestIAMUnknownNeverPasses: an unknown principal makes the trust policy
// unknown (not a document with the known principal only); an attachment
// whose role is unknown makes attached_policies unknown on every role of
// the root module, also on one with an attachment of its own (it listed
// only ReadOnlyAccess, and AdministratorAccess could be the other one);
// a membership whose group is unknown makes every group's members unknown.
func TestIAMUnknownNeverPasses(t *testing.T) {
	t.Parallel()
	res := load(t, "iamrolesunknown", Options{})
	partner := byID(t, res, "aws_iam_role.partner")
	require.NotContains(t, partner.Attributes, "assume_role_policy")
	require.Contains(t, partner.Unknown["assume_role_policy"], `variable "partner_account" has no default`)

	ops := byID(t, res, "aws_iam_role.ops")
	require.NotContains(t, ops.Attributes, "attached_policies")
	require.Contains(t, ops.Unknown["attached_policies"], "aws_iam_role_policy_attachment.somewhere")
	require.Equal(t, []any{map[string]any{"name": "ops"}}, ops.Attributes["inline_policies"], "the inline policy is listed, its document is not")
	require.Contains(t, ops.Unknown["inline_policies[0].document"], "data.aws_iam_policy_document.trust.json is unknown")

	g := byID(t, res, "aws_iam_group.g")
	require.NotContains(t, g.Attributes, "members")
	require.Contains(t, g.Unknown["members"], "aws_iam_user_group_membership.u")
	require.NotContains(t, byID(t, res, "aws_iam_user.u").Attributes, "groups")
}

// statement returns statement i of a parsed policy document.
func statement(t *testing.T, doc any, i int) map[string]any {
	t.Helper()
	d, ok := doc.(map[string]any)
	require.True(t, ok, "document %#v", doc)
	switch s := d["Statement"].(type) {
	case []any:
		require.Greater(t, len(s), i)
		return s[i].(map[string]any)
	case map[string]any:
		require.Zero(t, i)
		return s
	}
	t.Fatalf("no Statement in %#v", doc)
	return nil
}
