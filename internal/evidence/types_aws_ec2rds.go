package evidence

// The EC2 and RDS depth of issue 18 (rows 12 and 13): RDS clusters and EC2
// subnets. The attributes added to existing types (aws.rds.instance,
// aws.s3.bucket) stay in their entries in types_aws.go.
const (
	TypeAWSRDSCluster = "aws.rds.cluster"
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
			tfRegion,
		},
	},
}
