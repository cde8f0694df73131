package evidence

// AWS Organizations (issue 18, row 10): the organisation an account is in,
// and its service control policies. Read in the management account or a
// delegated administrator; a member account may describe its organisation
// but not list its policies (those listings are then not_collected).
const (
	TypeAWSOrganization = "aws.organizations.organization"
	TypeAWSOrgPolicy    = "aws.organizations.policy"
	orgDelegatedShape   = "list of `{account_id, service_principals}`"
	orgTargetShape      = "list of `{target_id, type}`"
)

var awsOrgTypes = []ResourceType{
	{
		Name: TypeAWSOrganization, ID: "the organisation ARN; `arn:aws:organizations::<account>:no-organization` for an account in none (Terraform: the address)",
		Platform: "aws", Scope: awsGlobalScope, Collector: "aws", Terraform: true,
		ScopeNote: "(Organizations is global: no region)",
		Notes: "One per collected account, in an organisation or not (`organizations:DescribeOrganization`; `AWSOrganizationsNotInUseException` is the fact `in_organization = false`, never a gap). " +
			"The root's policy types and the delegated administrators are readable only in the management account or a delegated administrator (`organizations:ListRoots`, `organizations:ListDelegatedAdministrators`, `organizations:ListDelegatedServicesForAccount`); elsewhere they are absent and named in `unknown`. " +
			"Terraform: `aws_organizations_organization` (creating one makes the configuration's account its management account) with the `aws_organizations_delegated_administrator` resources of its root module.",
		Attributes: []Attribute{
			{Name: "in_organization", Kind: KindBool, From: Both, Description: "the account belongs to an organisation (Terraform: always true, the configuration creates one)"},
			{Name: "organization_id", Kind: KindString, From: Live, Description: "`o-…`; absent outside an organisation"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "management_account_id", Kind: KindString, From: Live, Description: "`MasterAccountId`: the account that pays for and governs the organisation"},
			{Name: "is_management_account", Kind: KindBool, From: Both, Description: "the collected account is the management account (Terraform: true)"},
			{Name: "feature_set", Kind: KindString, From: Both, Description: "`ALL` (service control policies and the other policy types available) or `CONSOLIDATED_BILLING` (billing only); Terraform: `feature_set`, default `ALL`"},
			{Name: "root_id", Kind: KindString, From: Live, Description: "`r-…`, the root every OU and account is under"},
			{Name: "enabled_policy_types", Kind: KindList, Shape: "list of string", From: Both, Description: "the policy types whose status on the root is `ENABLED` (`SERVICE_CONTROL_POLICY`, `TAG_POLICY`, `BACKUP_POLICY`, `AISERVICES_OPT_OUT_POLICY`, …), sorted; Terraform: `enabled_policy_types`"},
			{Name: "scp_enabled", Kind: KindBool, From: Both, Description: "`SERVICE_CONTROL_POLICY` is among `enabled_policy_types`: service control policies are enforced"},
			{Name: "delegated_administrators", Kind: KindList, Shape: orgDelegatedShape, From: Both, Description: "the member accounts that administer a service for the organisation, with the service principals they are delegated (`guardduty.amazonaws.com`, `securityhub.amazonaws.com`, `config.amazonaws.com`, …), sorted; empty when there are none. Terraform: the root module's `aws_organizations_delegated_administrator` resources (an account ID unknown until apply is `\"\"`)"},
			{Name: "aws_service_access_principals", Kind: KindList, Shape: "list of string", From: Terraform, Description: "the services trusted to act in the organisation (`aws_service_access_principals`)"},
		},
	},
	{
		Name: TypeAWSOrgPolicy, ID: "the policy ARN (Terraform: the address)",
		Platform: "aws", Scope: awsGlobalScope, Collector: "aws", Terraform: true,
		ScopeNote: "(Organizations is global: no region)",
		Notes: "Service control policies (`organizations:ListPolicies` with filter `SERVICE_CONTROL_POLICY`, `organizations:DescribePolicy` for the content, `organizations:ListTargetsForPolicy`), AWS-managed `FullAWSAccess` included. " +
			"Terraform: `aws_organizations_policy` of type `SERVICE_CONTROL_POLICY` with the `aws_organizations_policy_attachment` resources that name it.",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both},
			{Name: "policy_id", Kind: KindString, From: Live, Description: "`p-…`"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "type", Kind: KindString, From: Both, Description: "`SERVICE_CONTROL_POLICY`"},
			{Name: "aws_managed", Kind: KindBool, From: Both, Description: "AWS wrote the policy (`FullAWSAccess`); Terraform: false"},
			{Name: "document", Kind: KindObject, From: Both, Description: "the policy content, parsed as an IAM policy (" + policyDocText + "); absent and named in `unknown` when it cannot be read or parsed, or (Terraform) is known only after apply"},
			{Name: "targets", Kind: KindList, Shape: orgTargetShape, From: Both, Description: "where the policy is attached: `type` `ROOT`, `ORGANIZATIONAL_UNIT` or `ACCOUNT`; empty for a detached policy, which constrains nothing. Terraform: one entry per `aws_organizations_policy_attachment` naming the policy, `target_id` `\"\"` and `type` `\"\"` when only known after apply (the root's ID is)"},
		},
	},
}
