# METADATA
# title: S3 buckets are encrypted
# description: >-
#   Fails when attributes.encryption.enabled is false; not evaluated when
#   the attribute is missing or not a boolean.
# custom:
#   id: AWS-S3-001
#   severity: high
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.9"]
#   equivalents:
#     trivy: [AVD-AWS-0088]
#     prowler: [s3_bucket_default_encryption]
#   remediation:
#     console: Turn encryption.enabled on for the resource.
#     terraform: Set the argument that maps to encryption.enabled to true.
package rampart.aws.s3.encrypted

import data.rampart.lib

deny contains {"msg": sprintf("%s: encryption.enabled is off", [input.id]), "path": "attributes.encryption.enabled"} if {
	lib.attr(["encryption", "enabled"]) == false
}

# A control never passes on data it did not see: a missing or mistyped
# attribute makes the result not_evaluated.
unknown contains {"msg": "encryption.enabled is unknown", "path": "attributes.encryption.enabled"} if {
	not is_boolean(lib.attr(["encryption", "enabled"]))
}
