package evidence

// The AWS data services of issue 18: where secrets and data at rest live,
// and who else may read them.
const (
	TypeAWSSecretsManagerSecret = "aws.secretsmanager.secret"
)

var awsDataTypes = []ResourceType{
	{
		Name: TypeAWSSecretsManagerSecret, ID: "the secret ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both, Description: "Terraform: `name`, or the address when AWS generates it (`name_prefix`)"},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "kms_key_id", Kind: KindString, From: Both, Description: "the KMS key that encrypts the secret; absent = the AWS-managed key `aws/secretsmanager`"},
			{Name: "customer_managed_key", Kind: KindBool, From: Both, Description: "encrypted with a customer-managed KMS key: `kms_key_id` set and not an `alias/aws/...` name (Terraform: also a reference to an `aws_kms_key` of the configuration)"},
			{Name: "rotation_enabled", Kind: KindBool, From: Both, Description: "automatic rotation is on (Terraform: an `aws_secretsmanager_secret_rotation` names the secret)"},
			{Name: "rotation_days", Kind: KindNumber, From: Both, Description: "`RotationRules.AutomaticallyAfterDays`; absent when rotation is off or is set by a schedule expression"},
			{Name: "last_rotated_date", Kind: KindString, From: Live, Description: "RFC 3339; absent when never rotated"},
			{Name: "last_accessed_date", Kind: KindString, From: Live, Description: "RFC 3339, to the day; absent when never read"},
			{Name: "created_date", Kind: KindString, From: Live, Description: "RFC 3339"},
			{Name: "policy", Kind: KindObject, From: Both, Description: resourcePolicyText},
			tfRegion,
		},
	},
}
