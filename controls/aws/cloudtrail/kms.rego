# METADATA
# title: CloudTrail logs are encrypted with a KMS key
# description: >-
#   SSE-KMS on trail logs means reading them also needs the key, whose use is
#   itself logged, instead of anyone with S3 read on the bucket.
# custom:
#   id: AWS-CT-003
#   severity: medium
#   resource_types: [aws.cloudtrail.trail]
#   frameworks:
#     cis-aws-3.0: ["3.5"]
#     iso27001-2022: ["A.8.24", "A.8.15"]
#     nist-800-53-r5: ["AU-9", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [cloudtrail_kms_encryption_enabled]
#     trivy: [AVD-AWS-0015]
#   remediation:
#     console: 'CloudTrail → Trails → the trail → General details → Edit → Log file SSE-KMS encryption: Enabled, with a customer managed key.'
#     terraform: 'aws_cloudtrail { kms_key_id = aws_kms_key.trail.arn } with a key policy allowing cloudtrail.amazonaws.com.'
package rampart.aws.cloudtrail.kms

import data.rampart.lib

deny contains {"msg": sprintf("trail %s logs are not encrypted with a KMS key", [lib.label("name")]), "path": "attributes.kms_encrypted"} if {
	input.attributes.kms_encrypted == false
}

unknown contains {"msg": "kms_encrypted is unknown", "path": "attributes.kms_encrypted"} if {
	not is_boolean(lib.attr("kms_encrypted"))
}
