package evidence

// The EC2 and RDS depth of issue 18 (rows 12 and 13): RDS clusters and EC2
// subnets. The attributes added to existing types (aws.rds.instance,
// aws.s3.bucket) stay in their entries in types_aws.go.
const (
	TypeAWSRDSCluster        = "aws.rds.cluster"
	TypeAWSEC2Subnet         = "aws.ec2.subnet"
	TypeAWSEC2Snapshot       = "aws.ec2.snapshot"
	TypeAWSEC2Image          = "aws.ec2.image"
	TypeAWSEC2LaunchTemplate = "aws.ec2.launch_template"
	TypeAWSRDSSnapshot       = "aws.rds.snapshot"
)

// rdsTLSRequiredText says how tls_required of an RDS instance or cluster is
// resolved through its parameter group.
const rdsTLSRequiredText = "clients must use TLS, resolved through the parameter group: `rds.force_ssl` = `1` (PostgreSQL, Aurora PostgreSQL, SQL Server) or `require_secure_transport` = `ON`/`1` (MySQL, MariaDB, Aurora MySQL), read with `rds:DescribeDBParameters` / `rds:DescribeDBClusterParameters`, default groups included; a parameter at the engine default without a value, or not listed, is `false`; absent for engines without such a parameter (Oracle, Db2, Neptune, DocumentDB). Terraform: the `parameter` blocks of the `aws_db_parameter_group` / `aws_rds_cluster_parameter_group` the database references; `false` without a group (the engine default), `unknown` for a group the module does not define."

// userDataSecretsShape is how EC2 user data is recorded: the secret shapes
// internal/redact finds in it, by kind and line, never the text.
const (
	userDataSecretsShape = "list of `{kind, line}`"
	userDataSecretsText  = "secret shapes (internal/redact: access keys, secret keys, tokens, PEM blocks, passwords in URLs …) found in the user data after base64 decoding, by kind and 1-based line; the user data itself is never stored. `[]` when there is none or nothing was found; `unknown` when the user data is gzip-compressed or not text"
)

var awsEC2RDSTypes = []ResourceType{
	{
		Name: TypeAWSRDSCluster, ID: "the DB cluster ARN",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "Aurora clusters and Multi-AZ DB clusters (`rds:DescribeDBClusters`). Their member instances are `aws.rds.instance` resources with `db_cluster_identifier` set; the settings a cluster owns are judged here, not on the members.",
		Attributes: []Attribute{
			{Name: "db_cluster_identifier", Kind: KindString, From: Both},
			{Name: "arn", Kind: KindString, From: Live},
			{Name: "engine", Kind: KindString, From: Both, Description: "`aurora-mysql`, `aurora-postgresql`, `mysql`, `postgres` …"},
			{Name: "storage_encrypted", Kind: KindBool, From: Both, Description: "Terraform default false (true for Aurora Serverless v1)"},
			{Name: "kms_key_id", Kind: KindString, From: Both, Description: "absent when unencrypted"},
			{Name: "deletion_protection", Kind: KindBool, From: Both, Description: "Terraform default false"},
			{Name: "iam_database_authentication_enabled", Kind: KindBool, From: Both, Description: "Terraform default false"},
			{Name: "backup_retention_period", Kind: KindNumber, From: Both, Description: "days (at least 1 on a cluster; Terraform default 1)"},
			{Name: "backtrack_window", Kind: KindNumber, From: Both, Description: "seconds the cluster can be rewound; 0 = Backtrack off (Aurora MySQL only; Terraform default 0)"},
			{Name: "multi_az", Kind: KindBool, From: Both, Description: "the cluster has instances in more than one Availability Zone. Terraform: true for a Multi-AZ DB cluster (`db_cluster_instance_class` set); for Aurora `unknown`, since it follows where the instances run"},
			{Name: "copy_tags_to_snapshot", Kind: KindBool, From: Both, Description: "Terraform default false"},
			{Name: "port", Kind: KindNumber, From: Both, Description: "Terraform `port`, else the engine's default port"},
			{Name: "enabled_cloudwatch_logs_exports", Kind: KindList, Shape: "list of string", From: Both, Description: "log types exported to CloudWatch Logs; empty when none"},
			{Name: "master_username", Kind: KindString, From: Both, Description: "the master user's name (never its password)"},
			{Name: "members", Kind: KindList, Shape: "list of string", From: Live, Description: "the member instances' identifiers, sorted"},
			{Name: "parameter_group", Kind: KindString, From: Both, Description: "the DB cluster parameter group (`default.<family>` when none was chosen; Terraform `db_cluster_parameter_group_name`, absent when the module leaves it to RDS)"},
			{Name: "tls_required", Kind: KindBool, From: Both, Description: rdsTLSRequiredText},
			tfRegion,
		},
	},
	{
		Name: TypeAWSEC2Subnet, ID: "`arn:aws:ec2:<region>:<account>:subnet/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Attributes: []Attribute{
			{Name: "subnet_id", Kind: KindString, From: Both, Description: "Terraform: the resource address (the ID is assigned at apply)"},
			{Name: "vpc_id", Kind: KindString, From: Both},
			{Name: "cidr_block", Kind: KindString, From: Both},
			{Name: "availability_zone", Kind: KindString, From: Both},
			{Name: "map_public_ip_on_launch", Kind: KindBool, From: Both, Description: "instances launched here get a public IPv4 address by default (`MapPublicIpOnLaunch`; Terraform default false)"},
			{Name: "default_for_az", Kind: KindBool, From: Live, Description: "the default VPC's subnet of its zone"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSEC2Snapshot, ID: "`arn:aws:ec2:<region>:<account>:snapshot/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws",
		Notes: "The account's own EBS snapshots (`ec2:DescribeSnapshots` with `OwnerIds=self`); who may create volumes from each is `ec2:DescribeSnapshotAttribute` (`createVolumePermission`), one call per snapshot.",
		Attributes: []Attribute{
			{Name: "snapshot_id", Kind: KindString, From: Live},
			{Name: "volume_id", Kind: KindString, From: Live},
			{Name: "state", Kind: KindString, From: Live, Description: "`pending`, `completed` …"},
			{Name: "encrypted", Kind: KindBool, From: Live},
			{Name: "kms_key_id", Kind: KindString, From: Live, Description: "absent when unencrypted"},
			{Name: "public", Kind: KindBool, From: Live, Description: "`createVolumePermission` grants the group `all`: anyone may copy the data"},
			{Name: "shared_with_accounts", Kind: KindList, Shape: "list of string", From: Live, Description: "account IDs granted `createVolumePermission`, sorted"},
		},
	},
	{
		Name: TypeAWSEC2Image, ID: "`arn:aws:ec2:<region>:<account>:image/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws",
		Notes: "The account's own AMIs (`ec2:DescribeImages` with `Owners=self`).",
		Attributes: []Attribute{
			{Name: "image_id", Kind: KindString, From: Live},
			{Name: "name", Kind: KindString, From: Live},
			{Name: "state", Kind: KindString, From: Live},
			{Name: "public", Kind: KindBool, From: Live, Description: "launch permission for everyone (`Public`)"},
		},
	},
	{
		Name: TypeAWSEC2LaunchTemplate, ID: "`arn:aws:ec2:<region>:<account>:launch-template/<id>`",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "The settings are the default version's (`ec2:DescribeLaunchTemplateVersions` with `$Default`), the one an Auto Scaling group or a launch without a version uses.",
		Attributes: []Attribute{
			{Name: "launch_template_id", Kind: KindString, From: Both, Description: "Terraform: the resource address"},
			{Name: "name", Kind: KindString, From: Both},
			{Name: "default_version", Kind: KindNumber, From: Live},
			{Name: "imdsv2_required", Kind: KindBool, From: Both, Description: "`metadata_options.http_tokens` is `required`, or the metadata endpoint is disabled. A template without metadata options leaves it to the account default and the AMI: false"},
			{Name: "metadata_options", Kind: KindObject, From: Both, Description: "absent when the template sets none"},
			{Name: "metadata_options.http_tokens", Kind: KindString, From: Both, Description: "`optional` or `required`; absent when not set"},
			{Name: "metadata_options.http_endpoint", Kind: KindString, From: Both, Description: "`enabled` or `disabled`; absent when not set"},
			{Name: "associate_public_ip_address", Kind: KindBool, From: Both, Description: "a network interface of the template asks for a public IPv4 address"},
			{Name: "user_data_secrets", Kind: KindList, Shape: userDataSecretsShape, From: Both, Description: userDataSecretsText + ". Terraform: `user_data` when its value is known statically"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSRDSSnapshot, ID: "the snapshot ARN (`arn:aws:rds:<region>:<account>:snapshot:<id>` or `…:cluster-snapshot:<id>`)",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws",
		Notes: "The account's DB snapshots and DB cluster snapshots, manual and automated (`rds:DescribeDBSnapshots`, `rds:DescribeDBClusterSnapshots`); who may restore a manual one is `rds:DescribeDBSnapshotAttributes` / `rds:DescribeDBClusterSnapshotAttributes` (`restore`), one call per manual snapshot. Automated snapshots cannot be shared, and are recorded as not public without the call.",
		Attributes: []Attribute{
			{Name: "snapshot_identifier", Kind: KindString, From: Live},
			{Name: "kind", Kind: KindString, From: Live, Description: "`instance` (a DB snapshot) or `cluster` (a DB cluster snapshot)"},
			{Name: "source", Kind: KindString, From: Live, Description: "the DB instance or cluster identifier it was taken from"},
			{Name: "snapshot_type", Kind: KindString, From: Live, Description: "`manual`, `automated` …"},
			{Name: "engine", Kind: KindString, From: Live},
			{Name: "encrypted", Kind: KindBool, From: Live},
			{Name: "public", Kind: KindBool, From: Live, Description: "the `restore` attribute holds `all`: any AWS account may restore it"},
			{Name: "shared_with_accounts", Kind: KindList, Shape: "list of string", From: Live, Description: "account IDs in the `restore` attribute, sorted"},
		},
	},
}
