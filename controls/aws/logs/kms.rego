# METADATA
# title: CloudWatch Logs log groups are encrypted with a customer-managed KMS key
# description: >-
#   Logs hold request details, identifiers and often secrets an application
#   printed by mistake. Under a KMS key of yours, reading them also needs the
#   key — whose use is logged and which a key policy restricts — instead of
#   only logs:GetLogEvents. CloudWatch Logs accepts only customer-managed
#   keys, so any key here is the customer's.
# custom:
#   id: AWS-LOGS-002
#   severity: medium
#   resource_types: [aws.logs.log_group]
#   frameworks:
#     iso27001-2022: ["A.8.24", "A.8.15"]
#     nist-800-53-r5: ["AU-9", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [cloudwatch_log_group_kms_encryption_enabled]
#     trivy: [AVD-AWS-0017]
#   remediation:
#     console: 'CloudWatch Logs has no console setting: aws logs associate-kms-key --log-group-name NAME --kms-key-id KEY_ARN, with a key policy allowing logs.<region>.amazonaws.com.'
#     terraform: 'aws_cloudwatch_log_group { kms_key_id = aws_kms_key.logs.arn } with a key policy allowing logs.<region>.amazonaws.com.'
package rampart.aws.logs.kms

import data.rampart.lib

deny contains {"msg": sprintf("log group %s is not encrypted with a KMS key", [lib.label("name")]), "path": "attributes.kms_encrypted"} if {
	input.attributes.kms_encrypted == false
}

unknown contains {"msg": sprintf("whether log group %s is encrypted with a KMS key is unknown", [lib.label("name")]), "path": "attributes.kms_encrypted"} if {
	not is_boolean(lib.attr("kms_encrypted"))
}
