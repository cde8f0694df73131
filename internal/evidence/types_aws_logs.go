package evidence

// CloudWatch Logs log groups (issue 18 row 14): how long the logs an
// investigation needs are kept, and under whose key. The group's metric
// filters are aws.logs.metric_filter (types_aws.go).
const (
	TypeAWSLogsLogGroup = "aws.logs.log_group"
)

var awsLogsTypes = []ResourceType{
	{
		Name: TypeAWSLogsLogGroup, ID: "the log group ARN without the trailing `:*` (`arn:aws:logs:<region>:<account>:log-group:<name>`)",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "Log groups of the region (`logs:DescribeLogGroups`). The log events themselves are not collected, so nothing here says whether a group holds secrets.",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "`logGroupName`; Terraform: `name`, or the address when AWS generates it (`name_prefix`)"},
			{Name: "arn", Kind: KindString, From: Live, Description: "`logGroupArn` (no trailing `:*`)"},
			{Name: "expires", Kind: KindBool, From: Both, Description: "log events are deleted after `retention_in_days`; false when the group keeps them for ever (no `retentionInDays` in the answer; Terraform: `retention_in_days` unset or 0)"},
			{Name: "retention_in_days", Kind: KindNumber, From: Both, Description: "`retentionInDays` (an account-level retention policy's, when one applies); absent when `expires` is false"},
			{Name: "retention_policy_name", Kind: KindString, From: Live, Description: "`retentionPolicyName`: the account-level retention policy that sets the retention; absent when the group's own setting applies"},
			{Name: "kms_key_id", Kind: KindString, From: Both, Description: "`kmsKeyId`: the KMS key ARN that encrypts the log data; absent when CloudWatch Logs' own encryption applies"},
			{Name: "kms_encrypted", Kind: KindBool, From: Both, Description: "the log data is encrypted with a KMS key (`kms_key_id` set). CloudWatch Logs accepts only symmetric customer-managed keys, so a key here is always the customer's; Terraform: also a reference, unknown until apply, to an `aws_kms_key` of the configuration"},
			{Name: "log_group_class", Kind: KindString, From: Both, Description: "`STANDARD`, `INFREQUENT_ACCESS`, `ESSENTIALS` or `DELIVERY` (kept one day, for delivery to S3 or Firehose); absent when the answer does not say; Terraform: `log_group_class`, default `STANDARD`"},
			{Name: "data_protection_status", Kind: KindString, From: Live, Description: "`dataProtectionStatus` (`ACTIVATED`, `DELETED`, `ARCHIVED`, `DISABLED`): whether a data protection policy masks sensitive data; absent when the group never had one"},
			{Name: "deletion_protection", Kind: KindBool, From: Live, Description: "`deletionProtectionEnabled`; absent when the answer does not say"},
			{Name: "creation_time", Kind: KindString, From: Live, Description: "RFC 3339"},
			tfRegion,
		},
	},
}
