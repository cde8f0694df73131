package authoring

import "sort"

// Attribute is one documented attribute of a resource type.
type Attribute struct {
	Name string
	// Kind is the JSON shape: bool, string, number, object or list.
	Kind string
}

// ResourceTypes is the registry of resource types evidence producers emit,
// with their attributes (nested ones dotted), mirroring docs/resources.md (the
// contract between producers and controls); it was generated from that
// document's tables, and fields of documented object shapes were added. A test keeps the two in step:
// a type added to the document without being added here fails it, so lint
// never rejects a documented type nor accepts an undocumented one.
var ResourceTypes = map[string][]Attribute{
	"github.organization": {
		{"login", "string"}, {"two_factor_requirement_enabled", "bool"}, {"default_repository_permission", "string"},
		{"members_can_create_repositories", "bool"}, {"members_can_create_public_repositories", "bool"}, {"members_can_create_private_repositories", "bool"},
		{"web_commit_signoff_required", "bool"}, {"new_repository_security", "object"}, {"rulesets", "list"},
		{"actions", "object"}, {"webhooks", "list"}, {"owners", "list"},
		{"owner_count", "number"},
	},
	"github.member": {
		{"login", "string"}, {"role", "string"}, {"outside_collaborator", "bool"},
		{"two_factor_disabled", "bool"},
	},
	"github.repository": {
		{"name", "string"}, {"full_name", "string"}, {"visibility", "string"},
		{"archived", "bool"}, {"fork", "bool"}, {"default_branch", "string"},
		{"pushed_at", "string"}, {"default_branch_protection", "object"}, {"default_branch_protection.protected", "bool"},
		{"default_branch_protection.sources", "list"}, {"default_branch_protection.required_approving_review_count", "number"}, {"default_branch_protection.requires_pull_request", "bool"},
		{"default_branch_protection.dismiss_stale_reviews", "bool"}, {"default_branch_protection.require_code_owner_reviews", "bool"}, {"default_branch_protection.require_last_push_approval", "bool"},
		{"default_branch_protection.required_conversation_resolution", "bool"}, {"default_branch_protection.required_status_checks", "list"}, {"default_branch_protection.required_status_checks_enabled", "bool"},
		{"default_branch_protection.required_status_checks_strict", "bool"}, {"default_branch_protection.required_signatures", "bool"}, {"default_branch_protection.required_linear_history", "bool"},
		{"default_branch_protection.allow_force_pushes", "bool"}, {"default_branch_protection.allow_deletions", "bool"}, {"default_branch_protection.blocks_force_pushes", "bool"},
		{"default_branch_protection.blocks_deletions", "bool"}, {"default_branch_protection.enforce_admins", "bool"}, {"has_codeowners", "bool"},
		{"codeowners_errors", "number"}, {"security_and_analysis", "object"}, {"vulnerability_alerts_enabled", "bool"},
		{"collaborators", "list"}, {"deploy_keys", "list"}, {"webhooks", "list"},
		{"actions", "object"}, {"dependabot_alerts", "list"}, {"code_scanning_alerts", "list"},
		{"secret_scanning_alerts", "list"},
	},
	"aws.account": {
		{"account_id", "string"}, {"password_policy", "object"}, {"root", "object"},
		{"s3_public_access_block", "object"}, {"security_contact", "object"}, {"regions", "object"},
		// Fields of the objects above, from their documented shapes.
		{"password_policy.configured", "bool"}, {"root.mfa_active", "bool"}, {"security_contact.configured", "bool"}, {"s3_public_access_block.configured", "bool"},
	},
	"aws.iam.user": {
		{"user_name", "string"}, {"arn", "string"}, {"user_id", "string"},
		{"create_date", "string"}, {"password_enabled", "bool"}, {"password_last_used", "string"},
		{"mfa_devices", "list"}, {"access_keys", "list"}, {"attached_policies", "list"},
		{"inline_policies", "list"}, {"groups", "list"},
	},
	"aws.iam.policy": {
		{"policy_name", "string"}, {"arn", "string"}, {"default_version_id", "string"},
		{"attachment_count", "number"}, {"document", "object"},
	},
	"aws.s3.bucket": {
		{"name", "string"}, {"region", "string"}, {"creation_date", "string"},
		{"public_access_block", "object"}, {"encryption", "object"}, {"versioning", "object"},
		{"logging", "object"}, {"policy", "object"}, {"public_acl_grants", "list"},
		// Fields of the objects above, from their documented shapes.
		{"encryption.enabled", "bool"}, {"public_access_block.configured", "bool"}, {"versioning.enabled", "bool"}, {"logging.enabled", "bool"}, {"policy.present", "bool"},
	},
	"aws.ec2.security_group": {
		{"group_id", "string"}, {"group_name", "string"}, {"vpc_id", "string"},
		{"is_default", "bool"}, {"ingress", "list"}, {"egress", "list"},
	},
	"aws.ec2.instance": {
		{"instance_id", "string"}, {"vpc_id", "string"}, {"subnet_id", "string"},
		{"state", "string"}, {"imdsv2_required", "bool"}, {"metadata_options", "object"},
		{"has_public_ip", "bool"}, {"public_ip_address", "string"}, {"iam_instance_profile", "string"},
	},
	"aws.ec2.volume": {
		{"volume_id", "string"}, {"state", "string"}, {"encrypted", "bool"},
		{"kms_key_id", "string"}, {"size", "number"},
	},
	"aws.vpc": {
		{"vpc_id", "string"}, {"cidr_block", "string"}, {"is_default", "bool"},
		{"flow_logs", "list"},
	},
	"aws.cloudtrail.trail": {
		{"name", "string"}, {"arn", "string"}, {"home_region", "string"},
		{"s3_bucket_name", "string"}, {"is_multi_region_trail", "bool"}, {"is_organization_trail", "bool"},
		{"include_global_service_events", "bool"}, {"log_file_validation_enabled", "bool"}, {"kms_encrypted", "bool"},
		{"kms_key_id", "string"}, {"cloud_watch_logs_log_group_arn", "string"}, {"is_logging", "bool"},
	},
	"aws.kms.key": {
		{"key_id", "string"}, {"arn", "string"}, {"key_manager", "string"},
		{"customer_managed", "bool"}, {"key_spec", "string"}, {"key_state", "string"},
		{"rotation_enabled", "bool"},
	},
	"aws.rds.instance": {
		{"db_instance_identifier", "string"}, {"arn", "string"}, {"engine", "string"},
		{"storage_encrypted", "bool"}, {"publicly_accessible", "bool"}, {"deletion_protection", "bool"},
		{"auto_minor_version_upgrade", "bool"}, {"multi_az", "bool"}, {"backup_retention_period", "number"},
		{"kms_key_id", "string"},
	},
}

// KnownResourceType reports whether t is documented in docs/resources.md.
func KnownResourceType(t string) bool {
	_, ok := ResourceTypes[t]
	return ok
}

// ResourceTypeNames returns the registered types, sorted.
func ResourceTypeNames() []string {
	out := make([]string, 0, len(ResourceTypes))
	for t := range ResourceTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Frameworks are the framework keys controls may cite (docs/controls.md).
var Frameworks = map[string]string{
	"cis-aws-3.0":    "CIS AWS Foundations Benchmark 3.0",
	"cis-github-1.0": "CIS GitHub Benchmark 1.0",
	"iso27001-2022":  "ISO/IEC 27001:2022 Annex A",
	"nist-800-53-r5": "NIST SP 800-53 Rev. 5",
	"soc2":           "SOC 2 Trust Services Criteria",
}
