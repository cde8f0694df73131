# METADATA
# title: S3 buckets have ACLs disabled (Object Ownership is bucket owner enforced)
# description: >-
#   With Object Ownership set to BucketOwnerEnforced, ACLs no longer grant
#   anything: the bucket owner owns every object and access is decided by
#   policies alone, so a forgotten or uploaded public-read ACL cannot expose
#   an object. A bucket without an ownership rule, or with
#   BucketOwnerPreferred or ObjectWriter, still honours ACLs.
# custom:
#   id: AWS-S3-009
#   severity: medium
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [s3_bucket_acl_prohibited]
#   remediation:
#     console: 'S3 → the bucket → Permissions → Object Ownership → Edit → ACLs disabled (recommended) → save (move any access an ACL grants into the bucket policy first).'
#     terraform: 'aws_s3_bucket_ownership_controls { bucket = aws_s3_bucket.x.id, rule { object_ownership = "BucketOwnerEnforced" } }, and no aws_s3_bucket_acl.'
package rampart.aws.s3.acls_disabled

import data.rampart.lib

deny contains {"msg": sprintf("bucket %s has no Object Ownership rule, so ACLs are in force", [lib.label("name")]), "path": "attributes.ownership_controls"} if {
	input.attributes.ownership_controls.configured == false
}

deny contains {"msg": sprintf("bucket %s has Object Ownership %s, so ACLs are in force", [lib.label("name"), input.attributes.ownership_controls.object_ownership]), "path": "attributes.ownership_controls.object_ownership"} if {
	input.attributes.ownership_controls.configured == true
	input.attributes.ownership_controls.object_ownership != "BucketOwnerEnforced"
}

unknown contains {"msg": "the bucket's Object Ownership is unknown", "path": "attributes.ownership_controls"} if {
	not is_boolean(lib.attr(["ownership_controls", "configured"]))
}

unknown contains {"msg": "the bucket's Object Ownership rule is unknown", "path": "attributes.ownership_controls.object_ownership"} if {
	lib.is_true(lib.attr(["ownership_controls", "configured"]))
	not is_string(lib.attr(["ownership_controls", "object_ownership"]))
}
