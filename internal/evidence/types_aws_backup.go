package evidence

// AWS Backup (issue 18 row 11): the plans that take backups, the
// selections that say which resources a plan backs up, the vaults that
// keep the recovery points, and the resources AWS Backup has backed up.
const (
	TypeAWSBackupPlan              = "aws.backup.plan"
	TypeAWSBackupSelection         = "aws.backup.selection"
	TypeAWSBackupVault             = "aws.backup.vault"
	TypeAWSBackupProtectedResource = "aws.backup.protected_resource"
)

const (
	backupRuleShape = "list of `{name, target_vault, schedule, expires, delete_after_days, move_to_cold_storage_after_days, continuous, copy_actions: [{destination_vault_arn, expires, delete_after_days}]}`"
	backupRuleText  = "the plan's rules: `target_vault` the vault name (Terraform: the name, or the vault's resource ID when it references an `aws_backup_vault` of the configuration); `schedule` the cron or rate expression, absent when the rule runs on demand only; `expires` true when the recovery points are deleted after `delete_after_days` (`Lifecycle.DeleteAfterDays` set), false when they are kept until deleted by hand (`delete_after_days` then absent); `move_to_cold_storage_after_days` absent when never moved; `continuous` continuous backup (point-in-time restore) is on; a copy action's `expires` and `delete_after_days` the same for its copies"
	backupTagShape  = "list of `{type, key, value}`"
	backupCondShape = "list of `{operator, key, value}`"
)

var awsBackupTypes = []ResourceType{
	{
		Name: TypeAWSBackupPlan, ID: "the backup plan ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "Backup plans of the region (`backup:ListBackupPlans`, `backup:GetBackupPlan` for the rules). Which resources a plan backs up is its `aws.backup.selection` resources.",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "`BackupPlanName`"},
			{Name: "plan_id", Kind: KindString, From: Live, Description: "`BackupPlanId`"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "rules", Kind: KindList, Shape: backupRuleShape, From: Both, Description: backupRuleText},
			tfRegion,
		},
	},
	{
		Name: TypeAWSBackupSelection, ID: "`<plan ARN>/selection/<selection id>` (AWS gives a selection no ARN)",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "The resource assignments of each backup plan (`backup:ListBackupSelections`, `backup:GetBackupSelection`). A resource is assigned when `resources` names its ARN (or an ARN pattern with `*`, or `*`) or when it carries one of `tags`; `conditions` then narrow the assignment (every one must hold) and `not_resources` take resources out. The controls conclude membership only from what they can evaluate: resource tags are not collected, so a selection by tag or condition leaves membership `not_evaluated`, never a pass.",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "`SelectionName`"},
			{Name: "selection_id", Kind: KindString, From: Live, Description: "`SelectionId`"},
			{Name: "plan", Kind: KindString, From: Both, Description: "the resource ID of the plan the selection belongs to (live: the plan ARN; Terraform: the `aws_backup_plan` its `plan_id` references)"},
			{Name: "iam_role_arn", Kind: KindString, From: Both, Description: "the role AWS Backup assumes to back the resources up"},
			{Name: "resources", Kind: KindList, Shape: "list of string", From: Both, Description: "`Resources`: ARNs, ARN patterns with `*`, or `*`; empty when none. Terraform: a reference to a resource of the configuration (`aws_db_instance.x.arn`) is that resource's ID, so it matches the data store's `id`; a value unknown until apply makes the attribute unknown"},
			{Name: "not_resources", Kind: KindList, Shape: "list of string", From: Both, Description: "`NotResources`, the same forms as `resources`"},
			{Name: "tags", Kind: KindList, Shape: backupTagShape, From: Both, Description: "`ListOfTags` (Terraform `selection_tag`): a resource with any one of these tags is assigned; `type` is `STRINGEQUALS`"},
			{Name: "conditions", Kind: KindList, Shape: backupCondShape, From: Both, Description: "`Conditions` (Terraform `condition`): every one must hold of an assigned resource's tags; `operator` is `string_equals`, `string_not_equals`, `string_like` or `string_not_like`, `key` the tag key as AWS gives it (`aws:ResourceTag/<key>`)"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSBackupVault, ID: "the backup vault ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "Backup vaults of the region (`backup:ListBackupVaults`; `backup:GetBackupVaultAccessPolicy` for the access policy; `kms:DescribeKey` tells a customer-managed key from the AWS-managed `aws/backup`).",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "`BackupVaultName`"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "encryption_key_arn", Kind: KindString, From: Both, Description: "`EncryptionKeyArn`, the KMS key that encrypts the recovery points (AWS Backup always encrypts; without a key named, the AWS-managed `aws/backup`). Terraform: `kms_key_arn`, absent when not set"},
			{Name: "customer_managed_key", Kind: KindBool, From: Both, Description: "the recovery points are encrypted with a customer-managed KMS key: live, `EncryptionKeyType` `CUSTOMER_MANAGED_KMS_KEY`, or else the key's `KeyManager` is `CUSTOMER` (`kms:DescribeKey`); Terraform, `kms_key_arn` set and not `alias/aws/backup`"},
			{Name: "locked", Kind: KindBool, From: Both, Description: "a vault lock is configured (`Locked`; Terraform: an `aws_backup_vault_lock_configuration` names the vault)"},
			{Name: "min_retention_days", Kind: KindNumber, From: Both, Description: "the vault lock's minimum retention; absent without a lock or without a minimum"},
			{Name: "max_retention_days", Kind: KindNumber, From: Both, Description: "the vault lock's maximum retention; absent without a lock or without a maximum"},
			{Name: "lock_date", Kind: KindString, From: Live, Description: "RFC 3339: when the lock becomes immutable (compliance mode); absent for a lock in governance mode or no lock"},
			{Name: "recovery_points", Kind: KindNumber, From: Live, Description: "`NumberOfRecoveryPoints`"},
			{Name: "policy", Kind: KindObject, From: Both, Description: "the vault's access policy: " + resourcePolicyText + ". Live: `ResourceNotFoundException` from `GetBackupVaultAccessPolicy` is no policy. Terraform: the `aws_backup_vault_policy` naming the vault"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSBackupProtectedResource, ID: "`<resource ARN>#backup` (the backed-up resource's ARN, marked, so it is not mistaken for the resource itself)",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws",
		Notes: "The resources AWS Backup has backed up in the region (`backup:ListProtectedResources`), with the time of the latest recovery point. Live only: what has been backed up is not in any configuration.",
		Attributes: []Attribute{
			{Name: "resource_arn", Kind: KindString, From: Live, Description: "`ResourceArn`"},
			{Name: "resource_type", Kind: KindString, From: Live, Description: "`ResourceType` as AWS Backup names it: `RDS`, `Aurora`, `EBS`, `DynamoDB`, `EFS`, `EC2`, `S3` …"},
			{Name: "resource_name", Kind: KindString, From: Live, Description: "`ResourceName`; absent when AWS gives none"},
			{Name: "last_backup_time", Kind: KindString, From: Live, Description: "RFC 3339: the latest recovery point's creation; absent when AWS gives none"},
			{Name: "last_backup_vault_arn", Kind: KindString, From: Live, Description: "the vault of the latest recovery point; absent when AWS gives none"},
		},
	},
}
