# METADATA
# title: S3 server access logging is enabled
# description: >-
#   Server access logs record every request to the bucket, which
#   investigations of data access need (CIS 3.4 asks it for the CloudTrail
#   bucket).
# custom:
#   id: AWS-S3-007
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     cis-aws-3.0: ["3.4"]
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [s3_bucket_server_access_logging_enabled]
#     trivy: [AVD-AWS-0089]
#   remediation:
#     console: 'S3 → the bucket → Properties → Server access logging → Edit → Enable, with a target bucket.'
#     terraform: 'aws_s3_bucket_logging with target_bucket and target_prefix.'
package rampart.aws.s3.access_logging

import data.rampart.lib

deny contains {"msg": sprintf("bucket %q has server access logging off", [lib.label("name")]), "path": "attributes.logging.enabled"} if {
	input.attributes.logging.enabled == false
}

unknown contains {"msg": "logging of the bucket is unknown", "path": "attributes.logging"} if {
	not is_boolean(lib.attr(["logging", "enabled"]))
}
