package evidence

// The AWS data services of issue 18: where secrets and data at rest live,
// and who else may read them.
const (
	TypeAWSSecretsManagerSecret = "aws.secretsmanager.secret"
	TypeAWSSNSTopic             = "aws.sns.topic"
	TypeAWSSQSQueue             = "aws.sqs.queue"
	TypeAWSDynamoDBTable        = "aws.dynamodb.table"
)

// kmsAtRestText says how a topic's or queue's KMS key is read; both
// services name the key the same way (KmsMasterKeyId).
const kmsAtRestText = "`KmsMasterKeyId`: the KMS key ID, ARN or alias that encrypts messages at rest; absent when there is none"

// customerKeyText says how customer_managed_key is decided from the key
// attribute attr, the same for every type that has one.
func customerKeyText(attr string) string {
	return "`" + attr + "` set and the key's `KeyManager` `CUSTOMER` (live: `kms:DescribeKey`, asked once per key and region; an `alias/aws/...` name is AWS-managed without a call, and a denied or failed call leaves this unknown). Terraform: unset, `\"\"` or `alias/aws/...` is false, another alias or a reference to an `aws_kms_key` of the configuration true, a literal key ID or ARN unknown (it may be the service's AWS-managed key given by ID)"
}

var awsDataTypes = []ResourceType{
	{
		Name: TypeAWSSecretsManagerSecret, ID: "the secret ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "Terraform: `name`, or the address when AWS generates it (`name_prefix`)"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "kms_key_id", Kind: KindString, From: Both, Description: "the KMS key that encrypts the secret; absent = the AWS-managed key `aws/secretsmanager`"},
			{Name: "customer_managed_key", Kind: KindBool, From: Both, Description: "encrypted with a customer-managed KMS key: " + customerKeyText("kms_key_id")},
			{Name: "rotation_enabled", Kind: KindBool, From: Both, Description: "automatic rotation is on (Terraform: an `aws_secretsmanager_secret_rotation` names the secret)"},
			{Name: "rotation_days", Kind: KindNumber, From: Both, Description: "`RotationRules.AutomaticallyAfterDays`; absent when rotation is off or is set by a schedule expression"},
			{Name: "last_rotated_date", Kind: KindString, From: Live, Description: "RFC 3339; absent when never rotated"},
			{Name: "last_accessed_date", Kind: KindString, From: Live, Description: "RFC 3339, to the day; absent when never read"},
			{Name: "created_date", Kind: KindString, From: Live, Description: "RFC 3339"},
			{Name: "policy", Kind: KindObject, From: Both, Description: resourcePolicyText},
			tfRegion,
		},
	},
	{
		Name: TypeAWSSNSTopic, ID: "the topic ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "SNS topics of the region (`sns:ListTopics`, `sns:GetTopicAttributes`). Subscriptions are `aws.sns.subscription`.",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "the topic name (the ARN's last part); Terraform: `name`, or the address when AWS generates it"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "kms_master_key_id", Kind: KindString, From: Both, Description: kmsAtRestText},
			{Name: "encrypted", Kind: KindBool, From: Both, Description: "messages are encrypted at rest: `kms_master_key_id` is set (SNS has no encryption without KMS)"},
			{Name: "customer_managed_key", Kind: KindBool, From: Both, Description: "encrypted with a customer-managed KMS key: " + customerKeyText("kms_master_key_id")},
			{Name: "policy", Kind: KindObject, From: Both, Description: "the topic's access policy (`Policy`; SNS always has one): " + resourcePolicyText + ". Terraform: `aws_sns_topic_policy`, else the topic's `policy` argument; without either, AWS writes a default policy allowing only the owner account, which Terraform records as `{present: false}`"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSSQSQueue, ID: "the queue URL",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "SQS queues of the region (`sqs:ListQueues`, `sqs:GetQueueAttributes`).",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "the queue name; Terraform: `name`, or the address when AWS generates it"},
			{Name: "arn", Kind: KindString, From: Live, Description: "`QueueArn`"},
			{Name: "kms_master_key_id", Kind: KindString, From: Both, Description: kmsAtRestText},
			{Name: "sqs_managed_sse", Kind: KindBool, From: Both, Description: "`SqsManagedSseEnabled`: encrypted at rest with keys SQS owns (SSE-SQS)"},
			{Name: "encrypted", Kind: KindBool, From: Both, Description: "messages are encrypted at rest: SSE-SQS or a KMS key"},
			{Name: "customer_managed_key", Kind: KindBool, From: Both, Description: "encrypted with a customer-managed KMS key: " + customerKeyText("kms_master_key_id")},
			{Name: "policy", Kind: KindObject, From: Both, Description: "the queue's access policy (`Policy`): " + resourcePolicyText + ". Terraform: `aws_sqs_queue_policy`, else the queue's `policy` argument"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSDynamoDBTable, ID: "the table ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "DynamoDB tables of the region (`dynamodb:ListTables`, `dynamodb:DescribeTable`, `dynamodb:DescribeContinuousBackups`; `kms:DescribeKey` tells a customer-managed table key from the AWS-managed `aws/dynamodb`).",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "encryption", Kind: KindString, From: Both, Description: "`AWS_OWNED` (DynamoDB's own key, the default: no `SSEDescription`) or `KMS` (`SSEDescription.SSEType`; the AWS-managed `aws/dynamodb` or a customer key); Terraform: `server_side_encryption { enabled }`"},
			{Name: "kms_key_arn", Kind: KindString, From: Both, Description: "`SSEDescription.KMSMasterKeyArn`; absent without KMS; Terraform: `server_side_encryption.kms_key_arn` (absent: the AWS-managed key)"},
			{Name: "customer_managed_key", Kind: KindBool, From: Both, Description: "encrypted with a customer-managed KMS key: " + customerKeyText("kms_key_arn")},
			{Name: "point_in_time_recovery", Kind: KindBool, From: Both, Description: "continuous backups with point-in-time recovery (`PointInTimeRecoveryStatus` `ENABLED`); Terraform: `point_in_time_recovery { enabled }`, default false"},
			{Name: "deletion_protection", Kind: KindBool, From: Both, Description: "`DeletionProtectionEnabled`; Terraform: `deletion_protection_enabled`, default false"},
			tfRegion,
		},
	},
}
