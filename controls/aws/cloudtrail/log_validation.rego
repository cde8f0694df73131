# METADATA
# title: CloudTrail log file validation is on
# description: >-
#   Digest files let investigators prove that delivered log files were not
#   modified or deleted after CloudTrail wrote them.
# custom:
#   id: AWS-CT-002
#   severity: medium
#   resource_types: [aws.cloudtrail.trail]
#   frameworks:
#     cis-aws-3.0: ["3.2"]
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-9", "SI-7"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [cloudtrail_log_file_validation_enabled]
#     trivy: [AVD-AWS-0016]
#   remediation:
#     console: 'CloudTrail → Trails → the trail → General details → Edit → Log file validation: Enabled.'
#     terraform: 'aws_cloudtrail { enable_log_file_validation = true }.'
package rampart.aws.cloudtrail.log_validation

import data.rampart.lib

deny contains {"msg": sprintf("trail %s does not validate its log files", [lib.label("name")]), "path": "attributes.log_file_validation_enabled"} if {
	input.attributes.log_file_validation_enabled == false
}

unknown contains {"msg": "log_file_validation_enabled is unknown", "path": "attributes.log_file_validation_enabled"} if {
	not is_boolean(lib.attr("log_file_validation_enabled"))
}
