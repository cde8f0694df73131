# METADATA
# title: The bucket receiving CloudTrail logs has server access logging
# description: >-
#   CIS 3.4: access logging on the bucket a trail delivers to records who
#   read or deleted the audit trail itself. The control relates the trail
#   to its bucket by the trail's s3_bucket_name; a bucket that is not in
#   the evidence (another account, or not collected) is not_evaluated,
#   never a pass.
# custom:
#   id: AWS-CT-011
#   severity: medium
#   resource_types: [aws.cloudtrail.trail]
#   related:
#     bucket: {type: aws.s3.bucket, join: {attribute: s3_bucket_name, key: name}}
#   frameworks:
#     cis-aws-3.0: ["3.4"]
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-9", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [cloudtrail_logs_s3_bucket_access_logging_enabled]
#     trivy: [AVD-AWS-0163]
#   remediation:
#     console: 'S3 → the trail''s bucket → Properties → Server access logging → Edit → Enable, with a target bucket other than this one.'
#     terraform: 'aws_s3_bucket_logging { bucket = <the trail''s bucket>, target_bucket = aws_s3_bucket.access_logs.id }.'
package rampart.aws.cloudtrail.bucket_logging

import data.rampart.lib

buckets := object.get(input, ["related", "bucket"], null)

deny contains {"msg": sprintf("bucket %s receiving the logs of trail %s has no server access logging", [b.attributes.name, lib.label("name")]), "path": "related.bucket"} if {
	some b in buckets
	b.attributes.logging.enabled == false
}

unknown contains {"msg": "the trail's s3_bucket_name is unknown", "path": "attributes.s3_bucket_name"} if {
	not is_string(lib.attr("s3_bucket_name"))
}

unknown contains {"msg": sprintf("bucket %s of trail %s is not in the evidence (another account, or not collected)", [lib.attr("s3_bucket_name"), lib.label("name")]), "path": "related.bucket"} if {
	is_string(lib.attr("s3_bucket_name"))
	is_array(buckets)
	count(buckets) == 0
}

unknown contains {"msg": sprintf("access logging of bucket %s is unknown: %s", [b.id, object.get(b, ["unknown", "logging"], "not reported")]), "path": "related.bucket"} if {
	some b in buckets
	not is_boolean(object.get(b, ["attributes", "logging", "enabled"], null))
}

unknown contains {"msg": "the trail's bucket was not given to the control (input.related.bucket)", "path": "related.bucket"} if {
	not is_array(buckets)
}
