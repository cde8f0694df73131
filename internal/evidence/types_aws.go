package evidence

// AWS resource types.
const (
	TypeAWSAccount          = "aws.account"
	TypeAWSIAMUser          = "aws.iam.user"
	TypeAWSIAMPolicy        = "aws.iam.policy"
	TypeAWSIAMRole          = "aws.iam.role"
	TypeAWSIAMGroup         = "aws.iam.group"
	TypeAWSS3Bucket         = "aws.s3.bucket"
	TypeAWSEC2SecurityGroup = "aws.ec2.security_group"
	TypeAWSEC2Instance      = "aws.ec2.instance"
	TypeAWSEC2Volume        = "aws.ec2.volume"
	TypeAWSVPC              = "aws.vpc"
	TypeAWSCloudTrailTrail  = "aws.cloudtrail.trail"
	TypeAWSKMSKey           = "aws.kms.key"
	TypeAWSRDSInstance      = "aws.rds.instance"

	TypeAWSIAMServerCertificate = "aws.iam.server_certificate"
	TypeAWSLogsMetricFilter     = "aws.logs.metric_filter"
	TypeAWSCloudWatchAlarm      = "aws.cloudwatch.alarm"
	TypeAWSSNSSubscription      = "aws.sns.subscription"
	TypeAWSEC2NetworkACL        = "aws.ec2.network_acl"
	TypeAWSEC2RouteTable        = "aws.ec2.route_table"
	TypeAWSEFSFileSystem        = "aws.efs.file_system"
)

var (
	awsGlobalScope   = []string{"platform", "account_id"}
	awsRegionalScope = []string{"platform", "account_id", "region"}
)

// tfRegion is the attribute the Terraform mapping adds to regional types:
// live resources carry the region only in their scope. Registered as it
// is produced, so the conformance test holds it to its kind; no control
// reads it.
var tfRegion = Attribute{Name: "region", Kind: KindString, From: Terraform, Description: "the AWS provider's region (live resources carry it only in `scope.region`)"}

var awsTypes = []ResourceType{
	{
		Name: TypeAWSAccount, ID: "`arn:aws:iam::<account>:root`",
		Platform: "aws", Scope: awsGlobalScope, Collector: "aws", Terraform: true,
		Notes:  "One per account; the settings that AWS keeps per region are under `regions`.",
		Footer: "`regions_not_enabled` is not an attribute: opt-in regions not enabled are skipped and listed by `rampart collect aws`.",
		Attributes: []Attribute{
			{Name: "account_id", Kind: KindString, From: Live},
			{Name: "password_policy", Kind: KindObject, From: Both, Description: "the account password policy; `configured: false` when the account has none"},
			{Name: "password_policy.configured", Kind: KindBool, From: Both},
			{Name: "password_policy.minimum_password_length", Kind: KindNumber, From: Both},
			{Name: "password_policy.password_reuse_prevention", Kind: KindNumber, From: Both, Description: "0 = none"},
			{Name: "password_policy.max_password_age", Kind: KindNumber, From: Both, Description: "days; absent = no expiry"},
			{Name: "password_policy.require_symbols", Kind: KindBool, From: Both},
			{Name: "password_policy.require_numbers", Kind: KindBool, From: Both},
			{Name: "password_policy.require_uppercase_characters", Kind: KindBool, From: Both},
			{Name: "password_policy.require_lowercase_characters", Kind: KindBool, From: Both},
			{Name: "password_policy.allow_users_to_change_password", Kind: KindBool, From: Both},
			{Name: "password_policy.expire_passwords", Kind: KindBool, From: Both},
			{Name: "password_policy.hard_expiry", Kind: KindBool, From: Terraform, Description: "an expired password cannot be changed by its user (`hard_expiry`; the live collector does not read it)"},
			{Name: "root", Kind: KindObject, From: Live, Description: "the root user, from the IAM credential report"},
			{Name: "root.mfa_active", Kind: KindBool, From: Live},
			{Name: "root.access_keys_active", Kind: KindNumber, From: Live},
			{Name: "root.access_keys", Kind: KindList, Shape: "list of `{active, last_used_date}`", From: Live},
			{Name: "root.password_last_used", Kind: KindString, From: Live},
			{Name: "s3_public_access_block", Kind: KindObject, From: Both, Description: "account-level S3 Block Public Access, same shape as the bucket's `public_access_block`"},
			{Name: "s3_public_access_block.configured", Kind: KindBool, From: Both},
			{Name: "s3_public_access_block.block_public_acls", Kind: KindBool, From: Both},
			{Name: "s3_public_access_block.ignore_public_acls", Kind: KindBool, From: Both},
			{Name: "s3_public_access_block.block_public_policy", Kind: KindBool, From: Both},
			{Name: "s3_public_access_block.restrict_public_buckets", Kind: KindBool, From: Both},
			{Name: "security_contact", Kind: KindObject, From: Both, Description: "the SECURITY alternate contact (names and addresses are not stored)"},
			{Name: "security_contact.configured", Kind: KindBool, From: Both, Description: "a SECURITY alternate contact with an address"},
			{Name: "root_virtual_mfa", Kind: KindBool, From: Live, Description: "a virtual MFA device is assigned to the root user (`iam:ListVirtualMFADevices`); hardware MFA is `root.mfa_active` and not this"},
			{Name: "saml_providers", Kind: KindNumber, From: Live, Description: "SAML identity providers in the account (`iam:ListSAMLProviders`)"},
			{Name: "oidc_providers", Kind: KindNumber, From: Live, Description: "OpenID Connect identity providers in the account (`iam:ListOpenIDConnectProviders`)"},
			{Name: "support_roles", Kind: KindList, Shape: "list of string", From: Live, Description: "names of the roles that attach the AWS-managed `AWSSupportAccess` policy, sorted; empty when none (from `iam:GetAccountAuthorizationDetails`)"},
			{Name: "contact_information", Kind: KindObject, From: Both, Description: "the primary contact (`account:GetContactInformation`; Terraform `aws_account_primary_contact`; names and addresses are not stored)"},
			{Name: "contact_information.configured", Kind: KindBool, From: Both, Description: "full name, address, country and phone number are set"},
			{Name: "regions", Kind: KindObject, From: Both, Description: "region name → `{ebs_encryption_by_default: bool, guardduty: {enabled: bool, detector_id, status}, config_recorder: {configured: bool, name, recording, all_supported, include_global_resource_types: bool, last_status}, access_analyzer: {enabled: bool, analyzers: [{name, type, status}]}, macie: {enabled: bool, status}, security_hub: {enabled: bool, hub_arn}, snapshot_block_public_access: {state}, image_block_public_access: {state}, instance_metadata_defaults: {http_tokens, http_endpoint}, rds_event_subscriptions: [{name, source_type, event_categories: [..], source_ids: [..], enabled: bool}]}` (`rds_event_subscriptions`: `rds:DescribeEventSubscriptions`, empty categories meaning all, empty source IDs all sources of the type; live only; the last three: `ec2:GetSnapshotBlockPublicAccessState` — `block-all-sharing`, `block-new-sharing` or `unblocked` —, `ec2:GetImageBlockPublicAccessState` — `block-new-sharing` or `unblocked` — and `ec2:GetInstanceMetadataDefaults`, whose `http_tokens` is `no-preference` when the account sets none; live only; `access_analyzer.enabled` is an ACTIVE analyzer of type `ACCOUNT` or `ORGANIZATION`, `macie.enabled` a session with status `ENABLED`, `security_hub.enabled` a subscribed hub; Terraform: the provider region of each `aws_ebs_encryption_by_default`, `aws_guardduty_detector`, `aws_config_configuration_recorder`, `aws_accessanalyzer_analyzer` (enabled when one of type `ACCOUNT`/`ORGANIZATION` is configured), `aws_macie2_account` (`status`, default `ENABLED`) and `aws_securityhub_account`; a service the module does not manage is absent, not off); every collected region is present, an unreadable setting is absent and named in `unknown` as `regions.<region>.<setting>`; when the account's regions could not be listed (`ec2:DescribeRegions`) the whole attribute is absent and named in `unknown` as `regions`, never `{}`"},
		},
	},
	{
		Name: TypeAWSIAMUser, ID: "the user ARN",
		Platform: "aws", Scope: awsGlobalScope, Collector: "aws", Terraform: true,
		ScopeNote: "(IAM is global: no region)",
		Attributes: []Attribute{
			{Name: "user_name", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "user_id", Kind: KindString, From: Live},
			{Name: "create_date", Kind: KindString, From: Live, Description: "RFC 3339"},
			{Name: "password_enabled", Kind: KindBool, From: Both, Description: "has a console password (credential report)"},
			{Name: "password_last_used", Kind: KindString, From: Live, Description: "RFC 3339; absent when never used"},
			{Name: "mfa_devices", Kind: KindList, Shape: "list of `{serial_number}`", From: Live},
			{Name: "access_keys", Kind: KindList, Shape: "list of `{access_key_id, status, create_date, last_used_date}`", From: Both, Description: "status Active/Inactive; `last_used_date` absent when never used. Key IDs only: secrets are never read"},
			{Name: "attached_policies", Kind: KindList, Shape: attachedPolicyShape, From: Both, Description: "managed policies (customer or AWS) attached to the user directly"},
			{Name: "inline_policies", Kind: KindList, Shape: inlinePolicyShape, From: Both, Description: "policies embedded in the user; " + inlinePolicyText},
			{Name: "groups", Kind: KindList, Shape: "list of string", From: Both, Description: "group names"},
		},
	},
	{
		Name: TypeAWSIAMRole, ID: "the role ARN",
		Platform: "aws", Scope: awsGlobalScope, Collector: "aws", Terraform: true,
		ScopeNote: "(IAM is global: no region)",
		Notes:     "Service-linked roles included (path `/aws-service-role/`).",
		Attributes: []Attribute{
			{Name: "role_name", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "role_id", Kind: KindString, From: Live},
			{Name: "path", Kind: KindString, From: Both, Description: "e.g. `/`, `/service-role/`"},
			{Name: "create_date", Kind: KindString, From: Live, Description: "RFC 3339"},
			{Name: "max_session_duration", Kind: KindNumber, From: Both, Description: "seconds"},
			{Name: "assume_role_policy", Kind: KindObject, From: Both, Description: "the trust policy document, parsed (" + policyDocText + "); absent and named in `unknown` when it cannot be parsed"},
			{Name: "inline_policies", Kind: KindList, Shape: inlinePolicyShape, From: Both, Description: "policies embedded in the role; " + inlinePolicyText},
			{Name: "attached_policies", Kind: KindList, Shape: attachedPolicyShape, From: Both, Description: "managed policies (customer or AWS) attached to the role"},
			{Name: "instance_profiles", Kind: KindList, Shape: "list of `{instance_profile_name, arn}`", From: Live, Description: "instance profiles that carry the role"},
			{Name: "permissions_boundary", Kind: KindString, From: Both, Description: "ARN of the permissions boundary policy; absent when none"},
			{Name: "last_used_date", Kind: KindString, From: Live, Description: "RFC 3339; absent when not used in IAM's tracking period (400 days)"},
			{Name: "last_used_region", Kind: KindString, From: Live, Description: "the region of that last use; absent with `last_used_date`"},
		},
	},
	{
		Name: TypeAWSIAMGroup, ID: "the group ARN",
		Platform: "aws", Scope: awsGlobalScope, Collector: "aws", Terraform: true,
		ScopeNote: "(IAM is global: no region)",
		Attributes: []Attribute{
			{Name: "group_name", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "group_id", Kind: KindString, From: Live},
			{Name: "path", Kind: KindString, From: Both},
			{Name: "create_date", Kind: KindString, From: Live, Description: "RFC 3339"},
			{Name: "inline_policies", Kind: KindList, Shape: inlinePolicyShape, From: Both, Description: "policies embedded in the group; " + inlinePolicyText},
			{Name: "attached_policies", Kind: KindList, Shape: attachedPolicyShape, From: Both, Description: "managed policies (customer or AWS) attached to the group"},
			{Name: "members", Kind: KindList, Shape: "list of string", From: Both, Description: "names of the users in the group"},
		},
	},
	{
		Name: TypeAWSIAMPolicy, ID: "the policy ARN",
		Platform: "aws", Scope: awsGlobalScope, Collector: "aws", Terraform: true,
		Notes: "Customer-managed policies, and AWS-managed policies that are attached to a user, group or role (an unattached AWS-managed policy grants nothing and is not listed).",
		Attributes: []Attribute{
			{Name: "policy_name", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "aws_managed", Kind: KindBool, From: Both, Description: "AWS manages the policy (ARN `arn:aws:iam::aws:policy/...`); false for customer-managed ones"},
			{Name: "default_version_id", Kind: KindString, From: Live},
			{Name: "attachment_count", Kind: KindNumber, From: Both, Description: "users, groups and roles it is attached to"},
			{Name: "document", Kind: KindObject, From: Both, Description: "the default version's policy document, parsed (" + policyDocText + "); absent and named in `unknown` when it cannot be parsed"},
		},
	},
	{
		Name: TypeAWSIAMServerCertificate, ID: "the certificate ARN",
		Platform: "aws", Scope: awsGlobalScope, Collector: "aws", Terraform: true,
		ScopeNote: "(IAM is global: no region)",
		Notes:     "Server certificates stored in IAM (`iam:ListServerCertificates`); metadata only, the certificate body is not read. Terraform: `aws_iam_server_certificate`, the expiry read from the PEM `certificate_body` when it is known statically (the private key is never read).",
		Attributes: []Attribute{
			{Name: "server_certificate_name", Kind: KindString, From: Both, Description: "Terraform: `name`, or the address when it is generated"},
			{Name: "server_certificate_id", Kind: KindString, From: Live},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "path", Kind: KindString, From: Both},
			{Name: "expiration", Kind: KindString, From: Both, Description: "RFC 3339; named in `unknown` when the answer lacks it"},
			{Name: "upload_date", Kind: KindString, From: Live, Description: "RFC 3339"},
		},
	},
	{
		Name: TypeAWSS3Bucket, ID: "`arn:aws:s3:::<name>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both},
			{Name: "region", Kind: KindString, From: Both},
			{Name: "creation_date", Kind: KindString, From: Live, Description: "RFC 3339"},
			// encryption comes first: `rampart new control` starts from the
			// first boolean attribute, and encryption.enabled is the one it
			// has always offered.
			{Name: "encryption", Kind: KindObject, From: Both, Description: "default encryption"},
			{Name: "encryption.enabled", Kind: KindBool, From: Both},
			{Name: "encryption.sse_algorithm", Kind: KindString, From: Both, Description: "`AES256`, `aws:kms` or `aws:kms:dsse`"},
			{Name: "encryption.kms_key_id", Kind: KindString, From: Both},
			{Name: "public_access_block", Kind: KindObject, From: Both, Description: "the bucket's Block Public Access; `configured: false` when the bucket has none"},
			{Name: "public_access_block.configured", Kind: KindBool, From: Both},
			{Name: "public_access_block.block_public_acls", Kind: KindBool, From: Both},
			{Name: "public_access_block.ignore_public_acls", Kind: KindBool, From: Both},
			{Name: "public_access_block.block_public_policy", Kind: KindBool, From: Both},
			{Name: "public_access_block.restrict_public_buckets", Kind: KindBool, From: Both},
			{Name: "versioning", Kind: KindObject, From: Both},
			{Name: "versioning.enabled", Kind: KindBool, From: Both},
			{Name: "versioning.status", Kind: KindString, From: Both, Description: "`Enabled`, `Suspended` or `\"\"`"},
			{Name: "versioning.mfa_delete", Kind: KindBool, From: Both},
			{Name: "logging", Kind: KindObject, From: Both, Description: "server access logging"},
			{Name: "logging.enabled", Kind: KindBool, From: Both},
			{Name: "logging.target_bucket", Kind: KindString, From: Both},
			{Name: "policy", Kind: KindObject, From: Both, Description: "the bucket policy"},
			{Name: "policy.present", Kind: KindBool, From: Both},
			{Name: "policy.document", Kind: KindObject, From: Both, Description: "the bucket policy, parsed"},
			{Name: "public_acl_grants", Kind: KindList, Shape: "list of `{grantee: \"AllUsers\" / \"AuthenticatedUsers\", permission}`", From: Both, Description: "ACL grants to everyone; empty when none"},
			{Name: "ownership_controls", Kind: KindObject, From: Both, Description: "S3 Object Ownership (`s3:GetBucketOwnershipControls`; Terraform `aws_s3_bucket_ownership_controls`); `configured: false` when the bucket has no rule, which leaves ACLs in force"},
			{Name: "ownership_controls.configured", Kind: KindBool, From: Both},
			{Name: "ownership_controls.object_ownership", Kind: KindString, From: Both, Description: "`BucketOwnerEnforced` (ACLs disabled), `BucketOwnerPreferred` or `ObjectWriter`"},
			{Name: "object_lock", Kind: KindObject, From: Both, Description: "S3 Object Lock (`s3:GetBucketObjectLockConfiguration`; Terraform `object_lock_enabled` / `object_lock_configuration` of `aws_s3_bucket` and `aws_s3_bucket_object_lock_configuration`)"},
			{Name: "object_lock.enabled", Kind: KindBool, From: Both},
			{Name: "object_lock.default_mode", Kind: KindString, From: Both, Description: "`GOVERNANCE` or `COMPLIANCE`; absent without a default retention rule"},
			{Name: "object_lock.default_retention_days", Kind: KindNumber, From: Both, Description: "the default retention (years × 365); absent without a default retention rule"},
		},
	},
	{
		Name: TypeAWSEC2SecurityGroup, ID: "the group ARN (`arn:aws:ec2:<region>:<account>:security-group/<id>`)",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "group_id", Kind: KindString, From: Live},
			{Name: "group_name", Kind: KindString, From: Both},
			{Name: "vpc_id", Kind: KindString, From: Both},
			{Name: "is_default", Kind: KindBool, From: Both, Description: "the VPC's `default` group"},
			{Name: "ingress", Kind: KindList, Shape: sgRuleShape, From: Both, Description: sgRuleText},
			{Name: "egress", Kind: KindList, Shape: sgRuleShape, From: Both, Description: sgRuleText},
			tfRegion,
		},
	},
	{
		Name: TypeAWSEC2Instance, ID: "`arn:aws:ec2:<region>:<account>:instance/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "instance_id", Kind: KindString, From: Both},
			{Name: "vpc_id", Kind: KindString, From: Live},
			{Name: "subnet_id", Kind: KindString, From: Both},
			{Name: "state", Kind: KindString, From: Live},
			{Name: "imdsv2_required", Kind: KindBool, From: Both, Description: "`http_tokens` is `required`, or the metadata endpoint is disabled"},
			{Name: "metadata_options", Kind: KindObject, From: Both},
			{Name: "metadata_options.http_tokens", Kind: KindString, From: Both, Description: "`optional` or `required`"},
			{Name: "metadata_options.http_endpoint", Kind: KindString, From: Both, Description: "`enabled` or `disabled`"},
			{Name: "has_public_ip", Kind: KindBool, From: Both},
			{Name: "public_ip_address", Kind: KindString, From: Live, Description: "absent without one"},
			{Name: "security_group_ids", Kind: KindList, Shape: "list of string", From: Both, Description: "IDs of the security groups attached to the instance and to each of its network interfaces, sorted; in `aws.ec2.security_group` `group_id`. Terraform: the literal IDs of `vpc_security_group_ids`; a group created in the same change has no ID before apply, which makes it `unknown` (`security_group_refs` still names it)"},
			{Name: "security_group_refs", Kind: KindList, Shape: "list of string", From: Both, Description: "the same groups as evidence IDs of `aws.ec2.security_group` resources, for `join: {attribute: security_group_refs}`: live the group ARNs; Terraform `<root>/<address>` of a group this root module manages, and `unknown` when a group is not managed here (a literal `sg-…` ID or a name of another configuration)"},
			{Name: "iam_instance_profile", Kind: KindString, From: Both, Description: "instance profile ARN; absent without one. Terraform: the profile name (`iam_instance_profile`), or the address of an `aws_iam_instance_profile` of the root module whose name is set at apply; `unknown` when neither is known statically"},
			{Name: "instance_type", Kind: KindString, From: Terraform, Description: "the configured instance type (the live collector does not read it)"},
			{Name: "user_data_secrets", Kind: KindList, Shape: userDataSecretsShape, From: Both, Description: userDataSecretsText + ". Live: `ec2:DescribeInstanceAttribute` (`userData`), one call per instance; Terraform: `user_data` / `user_data_base64` when known statically"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSEC2Volume, ID: "`arn:aws:ec2:<region>:<account>:volume/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "volume_id", Kind: KindString, From: Both},
			{Name: "state", Kind: KindString, From: Live},
			{Name: "encrypted", Kind: KindBool, From: Both},
			{Name: "kms_key_id", Kind: KindString, From: Both, Description: "absent when unencrypted"},
			{Name: "size", Kind: KindNumber, From: Both, Description: "GiB"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSVPC, ID: "`arn:aws:ec2:<region>:<account>:vpc/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "vpc_id", Kind: KindString, From: Both},
			{Name: "cidr_block", Kind: KindString, From: Both},
			{Name: "is_default", Kind: KindBool, From: Both},
			{Name: "flow_logs", Kind: KindList, Shape: "list of `{flow_log_id, status, traffic_type}`", From: Both, Description: "flow logs whose resource is the VPC (status `ACTIVE` when delivering)"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSCloudTrailTrail, ID: "the trail ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		ScopeNote: "with the trail's home region (a multi-region trail is one resource, not one per region)",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "home_region", Kind: KindString, From: Both},
			{Name: "s3_bucket_name", Kind: KindString, From: Both},
			{Name: "is_multi_region_trail", Kind: KindBool, From: Both},
			{Name: "is_organization_trail", Kind: KindBool, From: Both},
			{Name: "include_global_service_events", Kind: KindBool, From: Both},
			{Name: "log_file_validation_enabled", Kind: KindBool, From: Both},
			{Name: "kms_encrypted", Kind: KindBool, From: Both, Description: "logs encrypted with SSE-KMS"},
			{Name: "kms_key_id", Kind: KindString, From: Both, Description: "absent when not set"},
			{Name: "cloud_watch_logs_log_group_arn", Kind: KindString, From: Both, Description: "absent when not set"},
			{Name: "is_logging", Kind: KindBool, From: Both, Description: "from GetTrailStatus"},
			{Name: "event_selectors", Kind: KindList, Shape: "list of `{read_write_type, include_management_events: bool, exclude_management_event_sources: [..], data_resources: [{type, values: [..]}]}`", From: Both, Description: "the basic event selectors (`cloudtrail:GetEventSelectors`); `[]` when the trail uses advanced ones. Terraform: `aws_cloudtrail` `event_selector` blocks, or AWS's default selector (all management events) when the trail has neither kind; one part not known statically makes the four selector attributes `unknown`"},
			{Name: "advanced_event_selectors", Kind: KindList, Shape: "list of `{name, field_selectors: [{field, equals: [..], not_equals: [..], starts_with: [..], not_starts_with: [..], ends_with: [..], not_ends_with: [..]}]}`", From: Both, Description: "the advanced event selectors; `[]` when the trail uses basic ones"},
			{Name: "management_events", Kind: KindObject, From: Both, Description: "management events the selectors record, counting only selectors that exclude no event source"},
			{Name: "management_events.read", Kind: KindBool, From: Both},
			{Name: "management_events.write", Kind: KindBool, From: Both},
			{Name: "s3_data_events", Kind: KindObject, From: Both, Description: "S3 object-level events the selectors record for all buckets (`AWS::S3::Object` with `arn:aws:s3` / `arn:aws:s3:::`, or an advanced selector on `eventCategory` `Data`, `resources.type` `AWS::S3::Object` and at most `readOnly`); a selector narrowed to some buckets does not count"},
			{Name: "s3_data_events.read", Kind: KindBool, From: Both},
			{Name: "s3_data_events.write", Kind: KindBool, From: Both},
			tfRegion,
		},
	},
	{
		Name: TypeAWSKMSKey, ID: "the key ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "key_id", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "key_manager", Kind: KindString, From: Both, Description: "`CUSTOMER` or `AWS`"},
			{Name: "customer_managed", Kind: KindBool, From: Both},
			{Name: "key_spec", Kind: KindString, From: Both, Description: "e.g. `SYMMETRIC_DEFAULT`"},
			{Name: "key_state", Kind: KindString, From: Both, Description: "e.g. `Enabled`"},
			{Name: "rotation_enabled", Kind: KindBool, From: Both, Description: "only for enabled customer-managed symmetric keys with KMS key material; absent (not unknown) for keys that cannot rotate"},
			{Name: "multi_region", Kind: KindBool, From: Terraform, Description: "a multi-Region key (the live collector does not read it)"},
			{Name: "policy", Kind: KindObject, From: Both, Description: "the key policy (`kms:GetKeyPolicy`, policy `default`) of a customer-managed key: " + resourcePolicyText + "; absent for AWS-managed keys, whose policies AWS writes. Terraform: `aws_kms_key_policy` (by `key_id`), else the key's `policy`; without either `{present: false}`, where AWS writes the default policy that delegates to the account's IAM"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSRDSInstance, ID: "the DB instance ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "db_instance_identifier", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "engine", Kind: KindString, From: Both},
			{Name: "storage_encrypted", Kind: KindBool, From: Both},
			{Name: "publicly_accessible", Kind: KindBool, From: Both},
			{Name: "deletion_protection", Kind: KindBool, From: Both},
			{Name: "auto_minor_version_upgrade", Kind: KindBool, From: Both},
			{Name: "multi_az", Kind: KindBool, From: Both},
			{Name: "backup_retention_period", Kind: KindNumber, From: Both, Description: "days; 0 means automated backups are off"},
			{Name: "kms_key_id", Kind: KindString, From: Both, Description: "absent when unencrypted"},
			{Name: "iam_database_authentication_enabled", Kind: KindBool, From: Both, Description: "IAM database authentication"},
			{Name: "db_cluster_identifier", Kind: KindString, From: Both, Description: "the Aurora or Multi-AZ DB cluster the instance belongs to; absent for a stand-alone instance, whose cluster settings (backups, deletion protection, IAM authentication, copy tags, log exports, port) are then its own. Terraform `cluster_identifier`"},
			{Name: "monitoring_interval", Kind: KindNumber, From: Both, Description: "Enhanced Monitoring interval in seconds; 0 = off (Terraform default 0)"},
			{Name: "copy_tags_to_snapshot", Kind: KindBool, From: Both, Description: "tags are copied to snapshots (Terraform default false)"},
			{Name: "port", Kind: KindNumber, From: Both, Description: "the port the database listens on (live `Endpoint.Port`, or `DbInstancePort` before the endpoint exists; Terraform `port`, else the engine's default port)"},
			{Name: "enabled_cloudwatch_logs_exports", Kind: KindList, Shape: "list of string", From: Both, Description: "log types exported to CloudWatch Logs (`error`, `general`, `postgresql` …); empty when none"},
			{Name: "master_username", Kind: KindString, From: Both, Description: "the master user's name (never its password)"},
			{Name: "parameter_group", Kind: KindString, From: Both, Description: "the DB parameter group (`default.<family>` when none was chosen; Terraform `parameter_group_name`, absent when the module leaves it to RDS)"},
			{Name: "tls_required", Kind: KindBool, From: Both, Description: rdsTLSRequiredText + " Absent on cluster members, whose cluster's parameter group decides."},
			tfRegion,
		},
	},
	{
		Name: TypeAWSLogsMetricFilter, ID: "`arn:aws:logs:<region>:<account>:log-group:<group>:metric-filter:<name>` (metric filters have no ARN of their own)",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws",
		Notes: "Metric filters of every log group in the region (`logs:DescribeMetricFilters`): the second link of the CIS 4.x chain trail → log group → metric filter → alarm → SNS topic.",
		Attributes: []Attribute{
			{Name: "filter_name", Kind: KindString, From: Live},
			{Name: "log_group_name", Kind: KindString, From: Live, Description: "the trail's `cloud_watch_logs_log_group_arn` names it as `arn:aws:logs:<region>:<account>:log-group:<name>:*`"},
			{Name: "filter_pattern", Kind: KindString, From: Live, Description: "as written; `\"\"` matches every event"},
			{Name: "metric_transformations", Kind: KindList, Shape: "list of `{metric_name, metric_namespace, metric_value}`", From: Live, Description: "the metrics the filter publishes"},
			{Name: "creation_time", Kind: KindString, From: Live, Description: "RFC 3339"},
		},
	},
	{
		Name: TypeAWSCloudWatchAlarm, ID: "the alarm ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws",
		Notes: "Metric alarms (`cloudwatch:DescribeAlarms`); composite alarms are not listed.",
		Attributes: []Attribute{
			{Name: "alarm_name", Kind: KindString, From: Live},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "metric_name", Kind: KindString, From: Live, Description: "the watched metric; absent for a metric-math alarm"},
			{Name: "namespace", Kind: KindString, From: Live, Description: "absent for a metric-math alarm"},
			{Name: "statistic", Kind: KindString, From: Live, Description: "absent for extended statistics and metric math"},
			{Name: "comparison_operator", Kind: KindString, From: Live},
			{Name: "threshold", Kind: KindNumber, From: Live},
			{Name: "period", Kind: KindNumber, From: Live, Description: "seconds"},
			{Name: "evaluation_periods", Kind: KindNumber, From: Live},
			{Name: "actions_enabled", Kind: KindBool, From: Live},
			{Name: "alarm_actions", Kind: KindList, Shape: "list of string", From: Live, Description: "ARNs notified in ALARM state (SNS topics, Auto Scaling, …)"},
			{Name: "ok_actions", Kind: KindList, Shape: "list of string", From: Live},
			{Name: "state_value", Kind: KindString, From: Live, Description: "`OK`, `ALARM` or `INSUFFICIENT_DATA`"},
		},
	},
	{
		Name: TypeAWSSNSSubscription, ID: "the subscription ARN; for one not yet confirmed (whose ARN is `PendingConfirmation`), `<topic ARN>:pending-<n>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws",
		Notes: "SNS subscriptions of the region (`sns:ListSubscriptions`). The endpoint (address, number, URL) is not stored.",
		Attributes: []Attribute{
			{Name: "subscription_arn", Kind: KindString, From: Live, Description: "`PendingConfirmation` until confirmed"},
			{Name: "topic_arn", Kind: KindString, From: Live},
			{Name: "protocol", Kind: KindString, From: Live, Description: "`email`, `https`, `sqs`, `lambda`, …"},
			{Name: "owner", Kind: KindString, From: Live, Description: "the subscription owner's account"},
			{Name: "confirmed", Kind: KindBool, From: Live, Description: "the subscription has an ARN (is neither pending nor deleted)"},
		},
	},
	{
		Name: TypeAWSEC2NetworkACL, ID: "`arn:aws:ec2:<region>:<account>:network-acl/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "network_acl_id", Kind: KindString, From: Both, Description: "Terraform: the resource address"},
			{Name: "vpc_id", Kind: KindString, From: Both},
			{Name: "is_default", Kind: KindBool, From: Both, Description: "the VPC's default network ACL (Terraform: `aws_default_network_acl`)"},
			{Name: "subnet_ids", Kind: KindList, Shape: "list of string", From: Both, Description: "subnets associated with the ACL (Terraform: `subnet_ids` and `aws_network_acl_association`)"},
			{Name: "entries", Kind: KindList, Shape: "list of `{rule_number, protocol, egress: bool, rule_action, cidr_block, ipv6_cidr_block, from_port, to_port}`", From: Both, Description: "every entry, the default deny (rule 32767) included; evaluated in `rule_number` order. `rule_action` is `allow` or `deny`; protocol as EC2 returns it (`\"-1\"` all, `\"6\"` TCP, `\"17\"` UDP); ports only for TCP and UDP; one of the two CIDRs. Terraform: the inline `ingress`/`egress` blocks and `aws_network_acl_rule`, protocol names turned into EC2's numbers, and the IPv4 default deny AWS adds; one unreadable entry makes the list `unknown`"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSEC2RouteTable, ID: "`arn:aws:ec2:<region>:<account>:route-table/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "route_table_id", Kind: KindString, From: Both, Description: "Terraform: the resource address"},
			{Name: "vpc_id", Kind: KindString, From: Both},
			{Name: "main", Kind: KindBool, From: Both, Description: "the VPC's main route table (Terraform: `aws_default_route_table`, or named by `aws_main_route_table_association`)"},
			{Name: "subnet_ids", Kind: KindList, Shape: "list of string", From: Both, Description: "subnets explicitly associated (Terraform: `aws_route_table_association`)"},
			{Name: "routes", Kind: KindList, Shape: "list of `{destination_cidr_block, destination_ipv6_cidr_block, destination_prefix_list_id, target_type, target_id, vpc_peering_connection_id, state, origin}`", From: Both, Description: "`target_type` is `gateway`, `nat_gateway`, `transit_gateway`, `vpc_peering_connection`, `instance`, `network_interface`, …; `vpc_peering_connection_id` present on peering routes. Terraform: the inline `route` blocks and `aws_route`, `origin` `CreateRoute`, no `state`, the kind of target from the argument that names it; a destination or target ID not known statically is left out of the route (a peering route without a destination is unreadable to AWS-VPC-002); the VPC's local route is not listed"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSEFSFileSystem, ID: "the file system ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "file_system_id", Kind: KindString, From: Both, Description: "Terraform: the resource address (the ID is assigned at apply)"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "name", Kind: KindString, From: Both, Description: "the Name tag; `\"\"` without one"},
			{Name: "life_cycle_state", Kind: KindString, From: Live, Description: "e.g. `available`"},
			{Name: "encrypted", Kind: KindBool, From: Both, Description: "encrypted at rest (fixed at creation; Terraform `encrypted`, default false)"},
			{Name: "kms_key_id", Kind: KindString, From: Both, Description: "absent when unencrypted"},
			tfRegion,
		},
	},
}

const (
	sgRuleShape = "list of `{protocol, from_port, to_port, cidr_ipv4: [..], cidr_ipv6: [..], source_groups: [..]}`"
	sgRuleText  = "protocol `\"-1\"` means all traffic (ports absent); protocol as EC2 returns it (`tcp`, `udp`, `icmp`, or a number)"
)

// The IAM policy shapes users, groups and roles share.
const (
	policyDocText       = "`Statement` may be an object or a list; `Action`/`Resource` a string or a list"
	inlinePolicyShape   = "list of `{name, document}`"
	inlinePolicyText    = "`document` parsed (" + policyDocText + "), absent and named in `unknown` as `inline_policies[<i>].document` when it cannot be parsed"
	attachedPolicyShape = "list of `{policy_name, policy_arn}`"
)
