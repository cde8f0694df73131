# METADATA
# title: S3 buckets have Object Lock enabled
# description: >-
#   Object Lock keeps object versions from being deleted or overwritten
#   (write once, read many) for a retention period or under legal hold —
#   the defence of backups and audit logs against ransomware and a
#   compromised administrator. It can be turned on for an existing bucket
#   (with versioning); a bucket without it fails.
# custom:
#   id: AWS-S3-011
#   severity: low
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.13", "A.5.33"]
#     nist-800-53-r5: ["CP-9", "AU-9"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [s3_bucket_object_lock]
#   remediation:
#     console: 'S3 → the bucket → Properties → Object Lock → Edit → Enable, with a default retention (GOVERNANCE or COMPLIANCE) suited to the data.'
#     terraform: 'aws_s3_bucket { object_lock_enabled = true } and aws_s3_bucket_object_lock_configuration { rule { default_retention { mode = "GOVERNANCE", days = 30 } } }.'
package rampart.aws.s3.object_lock

import data.rampart.lib

deny contains {"msg": sprintf("bucket %s has Object Lock off", [lib.label("name")]), "path": "attributes.object_lock.enabled"} if {
	input.attributes.object_lock.enabled == false
}

unknown contains {"msg": "whether the bucket has Object Lock is unknown", "path": "attributes.object_lock.enabled"} if {
	not is_boolean(lib.attr(["object_lock", "enabled"]))
}
