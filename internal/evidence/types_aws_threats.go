package evidence

// Threats and vulnerabilities AWS itself reports (issue 18, rows 10, 14
// and 15): GuardDuty detectors with their protection plans and open
// findings, Amazon Inspector's scanning and active findings per region,
// and the AWS Organization with its service control policies. Open
// findings are alerts: the threat view (internal/governance) tracks them
// against the workspace's alert_sla as it does GitHub's.
const (
	TypeAWSGuardDutyDetector = "aws.guardduty.detector"
	TypeAWSInspectorAccount  = "aws.inspector.account"
	guardDutyFindingShape    = "list of `{id, type, title, severity, severity_score, resource_type, resource, created_at, updated_at, first_seen, last_seen, count, state}`"
	inspectorFindingShape    = "list of `{arn, type, title, severity, vulnerability_id, packages, resource_type, resource, fix_available, exploit_available, created_at, last_seen, updated_at, state}`"
	guardDutyFeatureText     = "feature name, lower case (`s3_data_events`, `eks_audit_logs`, `ebs_malware_protection`, `rds_login_events`, `lambda_network_logs`, `eks_runtime_monitoring`, `runtime_monitoring`, …) → `{status, additional: {name → status}}`, status `ENABLED` or `DISABLED` as GuardDuty spells it (`guardduty:GetDetector` `features`); a feature GuardDuty does not list is absent. Terraform: one `aws_guardduty_detector_feature` per feature naming the detector (`status`, `additional_configuration`), and the detector's `datasources` blocks (`s3_logs` → `s3_data_events`, `kubernetes.audit_logs` → `eks_audit_logs`, `malware_protection.scan_ec2_instance_with_findings.ebs_volumes` → `ebs_malware_protection`); a feature the configuration does not set is absent, not off"
)

var awsThreatTypes = []ResourceType{
	{
		Name: TypeAWSGuardDutyDetector, ID: "the detector ARN, `arn:aws:guardduty:<region>:<account>:detector/<id>` (Terraform: the address)",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws", Terraform: true,
		Notes: "One per region with a detector; a region without one has none (`aws.account` `regions.<region>.guardduty.enabled` is false there, AWS-GD-001).",
		Attributes: []Attribute{
			{Name: "detector_id", Kind: KindString, From: Live},
			{Name: "status", Kind: KindString, From: Both, Description: "`ENABLED` or `DISABLED` (Terraform: `enable`, default true)"},
			{Name: "features", Kind: KindObject, From: Both, Description: guardDutyFeatureText},
			{Name: "findings", Kind: KindList, Shape: guardDutyFindingShape, From: Live, Description: "the open findings: `guardduty:ListFindings` with `service.archived = false`, then `guardduty:GetFindings` (50 at a time); `severity` is GuardDuty's band of `severity_score` (`low` 1.0–3.9, `medium` 4.0–6.9, `high` 7.0–8.9, `critical` 9.0–10.0), `created_at`/`updated_at` the finding's, `first_seen`/`last_seen` the activity's (RFC 3339), `resource` the instance, access key user, bucket, cluster, function or database it concerns, `state` always `open`. Tracked against `alert_sla` as alert kind `guardduty` (docs/governance.md); absent and named in `unknown` when a listing or fetch failed, never `[]`"},
			tfRegion,
		},
	},
	{
		Name: TypeAWSInspectorAccount, ID: "`arn:aws:inspector2:<region>:<account>:account` (Inspector has no ARN for an account's scanning in a region)",
		Platform: "aws", Scope: awsRegionalScope, Collector: "aws",
		Notes: "One per collected region, whether Inspector is on or off there (`inspector2:BatchGetAccountStatus`).",
		Attributes: []Attribute{
			{Name: "status", Kind: KindString, From: Live, Description: "the account's Inspector status in the region: `ENABLED`, `ENABLING`, `DISABLED`, `DISABLING`, `SUSPENDED`, `SUSPENDING`"},
			{Name: "ec2", Kind: KindString, From: Live, Description: "the status of EC2 instance scanning (same words); absent when Inspector did not say"},
			{Name: "ecr", Kind: KindString, From: Live, Description: "the status of ECR image scanning"},
			{Name: "lambda", Kind: KindString, From: Live, Description: "the status of Lambda standard (package) scanning"},
			{Name: "lambda_code", Kind: KindString, From: Live, Description: "the status of Lambda code scanning"},
			{Name: "findings", Kind: KindList, Shape: inspectorFindingShape, From: Live, Description: "the active findings (`inspector2:ListFindings` with `findingStatus = ACTIVE`): `type` `PACKAGE_VULNERABILITY`, `CODE_VULNERABILITY` or `NETWORK_REACHABILITY`; `severity` Inspector's word lower-cased (`critical`, `high`, `medium`, `low`, `informational`, `untriaged` — an untriaged finding is treated as critical); `vulnerability_id` the CVE or other ID; `packages` the vulnerable package names; `resource_type` `AWS_EC2_INSTANCE`, `AWS_ECR_CONTAINER_IMAGE` or `AWS_LAMBDA_FUNCTION`, `resource` its ID; `fix_available` `YES`, `NO` or `PARTIAL`; `created_at` first observed, `last_seen` last observed (RFC 3339); `state` always `open`. Tracked against `alert_sla` as alert kind `inspector`; absent and named in `unknown` when the listing failed, never `[]`"},
		},
	},
}
