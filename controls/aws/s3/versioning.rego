# METADATA
# title: S3 bucket versioning is enabled
# description: >-
#   Versioning keeps overwritten and deleted objects recoverable after a
#   mistake or a ransomware-style overwrite.
# custom:
#   id: AWS-S3-006
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9", "SI-12"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [s3_bucket_object_versioning]
#     trivy: [AVD-AWS-0090]
#   remediation:
#     console: 'S3 → the bucket → Properties → Bucket Versioning → Edit → Enable.'
#     terraform: 'aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" }.'
package rampart.aws.s3.versioning

import data.rampart.lib

deny contains {"msg": sprintf("bucket %q has versioning off", [lib.label("name")]), "path": "attributes.versioning.enabled"} if {
	input.attributes.versioning.enabled == false
}

unknown contains {"msg": "versioning of the bucket is unknown", "path": "attributes.versioning"} if {
	not is_boolean(lib.attr(["versioning", "enabled"]))
}
