# METADATA
# title: S3 Block Public Access is on for the bucket
# description: >-
#   All four Block Public Access settings are on for the bucket, so neither
#   an ACL nor a bucket policy can make its objects public. A bucket with no
#   Block Public Access configuration fails.
# custom:
#   id: AWS-S3-001
#   severity: high
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     cis-aws-3.0: ["2.1.4"]
#     iso27001-2022: ["A.8.3", "A.8.12"]
#     nist-800-53-r5: ["AC-3", "AC-21"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [s3_bucket_level_public_access_block]
#     trivy: [AVD-AWS-0086, AVD-AWS-0087, AVD-AWS-0091, AVD-AWS-0093, AVD-AWS-0094]
#   remediation:
#     console: S3 → the bucket → Permissions → Block public access → Edit → turn on all four settings.
#     terraform: 'aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.'
package rampart.aws.s3.public_access_block

import data.rampart.lib

settings := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

pab := input.attributes.public_access_block

deny contains {"msg": sprintf("bucket %q has no Block Public Access configuration", [lib.label("name")]), "path": "attributes.public_access_block.configured"} if {
	pab.configured == false
}

deny contains {"msg": sprintf("Block Public Access setting %s is off", [s]), "path": sprintf("attributes.public_access_block.%s", [s])} if {
	pab.configured == true
	some s in settings
	pab[s] == false
}

unknown contains {"msg": "the bucket's Block Public Access configuration is unknown", "path": "attributes.public_access_block"} if {
	not is_boolean(lib.attr(["public_access_block", "configured"]))
}

unknown contains {"msg": sprintf("Block Public Access setting %s is unknown", [s]), "path": sprintf("attributes.public_access_block.%s", [s])} if {
	pab.configured == true
	some s in settings
	not is_boolean(lib.attr(["public_access_block", s]))
}
