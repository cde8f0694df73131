package evidence

// The compute group of AWS resource types: Lambda functions, ECR
// repositories and EKS clusters (issue 18, rows 1-3).
const (
	TypeAWSLambdaFunction = "aws.lambda.function"
	TypeAWSECRRepository  = "aws.ecr.repository"
	TypeAWSEKSCluster     = "aws.eks.cluster"
)

// resourcePolicyText describes the resource-policy attribute the compute
// and data services share with S3's `policy`, so the rampart.lib principal
// helpers read every one of them.
const resourcePolicyText = "the resource policy: `{present: false}` without one (the service's not-found answer), else `{present: true, document}` with the document parsed as an IAM policy (" + policyDocText + "); absent and named in `unknown` when it cannot be read or parsed"

var awsComputeTypes = []ResourceType{
	{
		Name: TypeAWSLambdaFunction, ID: "the function ARN (unqualified: `$LATEST`)",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "Lambda functions of the region (`lambda:ListFunctions`), each with its resource policy (`lambda:GetPolicy`) and function URLs (`lambda:ListFunctionUrlConfigs`). " +
			"Environment variable **values are never stored**: only their names, and the names whose `NAME=value` holds a secret shape of `internal/redact` (an AWS key pair, a GitHub or Slack token, a PEM block, a password in a URL, …).",
		Attributes: []Attribute{
			{Name: "function_name", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "package_type", Kind: KindString, From: Both, Description: "`Zip` or `Image` (Terraform default `Zip`)"},
			{Name: "runtime", Kind: KindString, From: Both, Description: "e.g. `python3.12`, `nodejs20.x`; absent for container images (`package_type` `Image`), which bring their own runtime. Whether it is deprecated is decided by the controls (`controls/lib/compute.rego`, one dated table)"},
			{Name: "tracing_mode", Kind: KindString, From: Both, Description: "X-Ray tracing: `Active` or `PassThrough` (Terraform default `PassThrough`)"},
			{Name: "in_vpc", Kind: KindBool, From: Both, Description: "the function is attached to subnets of a VPC (`VpcConfig.SubnetIds` not empty; Terraform: a `vpc_config` block with at least one subnet)"},
			{Name: "vpc_subnet_ids", Kind: KindList, Shape: "list of string", From: Both, Description: "`[]` outside a VPC; Terraform: `unknown` when a subnet is created in the same change"},
			{Name: "dead_letter_configured", Kind: KindBool, From: Both, Description: "asynchronous invocations that fail go to an SQS queue or SNS topic (`DeadLetterConfig.TargetArn`)"},
			{Name: "kms_key_arn", Kind: KindString, From: Both, Description: "the customer-managed key encrypting the environment variables; `\"\"` when Lambda's AWS-managed key does"},
			{Name: "environment_variables", Kind: KindList, Shape: "list of string", From: Both, Description: "the variables' names, sorted; `[]` without any"},
			{Name: "environment_secret_like", Kind: KindList, Shape: "list of `{name, kinds: [..]}`", From: Both, Description: "the variables whose `NAME=value` matches a secret shape of `internal/redact`, with the kinds found (`aws-secret-key`, `github-token`, …); `[]` when none does. Terraform: `unknown` when a value is not known statically"},
			{Name: "layers", Kind: KindList, Shape: "list of string", From: Both, Description: "layer version ARNs; `[]` without layers"},
			{Name: "policy", Kind: KindObject, From: Both, Description: "the function's resource policy: " + resourcePolicyText + ". Terraform: one statement per `aws_lambda_permission` of the function, as Lambda writes it (`principal` a service → `{\"Service\": …}`, else `{\"AWS\": …}`; `source_arn` → `ArnLike AWS:SourceArn`, `source_account` → `StringEquals AWS:SourceAccount`, `principal_org_id` → `StringEquals aws:PrincipalOrgID`, `function_url_auth_type` → `StringEquals lambda:FunctionUrlAuthType`; a condition value not known before apply, such as the ARN of a bucket created in the same change, is written `(unknown until apply: <reference>)`)"},
			{Name: "policy.present", Kind: KindBool, From: Both},
			{Name: "policy.document", Kind: KindObject, From: Both},
			{Name: "function_urls", Kind: KindList, Shape: "list of `{qualifier, auth_type, cors_allow_origins: [..]}`", From: Both, Description: "the function URLs (`auth_type` `NONE` or `AWS_IAM`; `cors_allow_origins` `[]` without CORS); `[]` when the function has none. Terraform: `aws_lambda_function_url` naming the function"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSECRRepository, ID: "the repository ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "ECR private repositories of the region (`ecr:DescribeRepositories`) with their repository policy (`ecr:GetRepositoryPolicy`), lifecycle policy (`ecr:GetLifecyclePolicy`) and the region's registry scanning configuration (`ecr:GetRegistryScanningConfiguration`, read once per region and copied to every repository).",
		Attributes: []Attribute{
			{Name: "repository_name", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "image_tag_mutability", Kind: KindString, From: Both, Description: "`MUTABLE`, `IMMUTABLE`, `MUTABLE_WITH_EXCLUSION` or `IMMUTABLE_WITH_EXCLUSION` (Terraform default `MUTABLE`)"},
			{Name: "scan_on_push", Kind: KindBool, From: Both, Description: "the repository's own scan-on-push setting (basic scanning only; Terraform default false)"},
			{Name: "encryption_type", Kind: KindString, From: Both, Description: "`AES256`, `KMS` or `KMS_DSSE` (Terraform default `AES256`)"},
			{Name: "kms_key", Kind: KindString, From: Both, Description: "the KMS key ARN for `KMS`/`KMS_DSSE`; `\"\"` with `AES256` (and in Terraform with KMS on AWS's managed key)"},
			{Name: "policy", Kind: KindObject, From: Both, Description: "the repository policy: " + resourcePolicyText + ". Terraform: `aws_ecr_repository_policy`"},
			{Name: "policy.present", Kind: KindBool, From: Both},
			{Name: "policy.document", Kind: KindObject, From: Both},
			{Name: "lifecycle_policy", Kind: KindObject, From: Both, Description: "whether a lifecycle policy expires images (Terraform: `aws_ecr_lifecycle_policy`)"},
			{Name: "lifecycle_policy.present", Kind: KindBool, From: Both},
			{Name: "registry_scanning", Kind: KindObject, From: Both, Description: "the registry's scanning configuration in the repository's region. Terraform: the `aws_ecr_registry_scanning_configuration` of the same root module and region; `unknown` when the configuration manages none (the registry's setting is then made elsewhere)"},
			{Name: "registry_scanning.scan_type", Kind: KindString, From: Both, Description: "`BASIC` or `ENHANCED` (Amazon Inspector); with `ENHANCED` the repository's own `scan_on_push` is not used"},
			{Name: "registry_scanning.rules", Kind: KindList, Shape: "list of `{scan_frequency, filters: [..]}`", From: Both, Description: "`scan_frequency` `SCAN_ON_PUSH`, `CONTINUOUS_SCAN` or `MANUAL`; `filters` the `WILDCARD` repository filters (`*` any run of characters)"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSEKSCluster, ID: "the cluster ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "EKS clusters of the region (`eks:ListClusters`, then `eks:DescribeCluster` per cluster).",
		Attributes: []Attribute{
			{Name: "name", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "version", Kind: KindString, From: Both, Description: "the Kubernetes minor version, e.g. `1.31`; Terraform: `unknown` without `version` (EKS picks its default at apply). Whether it is supported is decided by the controls (`controls/lib/compute.rego`, one dated table)"},
			{Name: "platform_version", Kind: KindString, From: Live, Description: "e.g. `eks.12`"},
			{Name: "status", Kind: KindString, From: Live, Description: "`ACTIVE`, `CREATING`, …"},
			{Name: "endpoint_public_access", Kind: KindBool, From: Both, Description: "the Kubernetes API endpoint is reachable from the internet (Terraform default true)"},
			{Name: "endpoint_private_access", Kind: KindBool, From: Both, Description: "the API endpoint is reachable from inside the VPC (Terraform default false)"},
			{Name: "public_access_cidrs", Kind: KindList, Shape: "list of string", From: Both, Description: "the CIDRs allowed to reach the public endpoint (EKS default `0.0.0.0/0`, which Terraform fills when unset)"},
			{Name: "secrets_encrypted", Kind: KindBool, From: Both, Description: "Kubernetes secrets are envelope-encrypted with a KMS key (`encryptionConfig` with resource `secrets`)"},
			{Name: "secrets_kms_key_arn", Kind: KindString, From: Both, Description: "that key; absent when secrets are not encrypted"},
			{Name: "logging_enabled_types", Kind: KindList, Shape: "list of string", From: Both, Description: "the control-plane log types sent to CloudWatch Logs, sorted, of `api`, `audit`, `authenticator`, `controllerManager`, `scheduler`; `[]` when none (Terraform: `enabled_cluster_log_types`, default none)"},
			{Name: "deletion_protection", Kind: KindBool, From: Both, Description: "the cluster cannot be deleted until this is turned off (Terraform default false)"},
			tfRegion,
		},
	},
}
