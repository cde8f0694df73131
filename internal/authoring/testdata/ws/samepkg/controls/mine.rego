# METADATA
# title: Buckets have a Block Public Access configuration
# description: >-
#   Fails when attributes.public_access_block.configured is false; not evaluated when
#   the attribute is missing or not a boolean.
# custom:
#   id: ACME-S3-011
#   severity: medium
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.9"]
#   remediation:
#     console: Turn public_access_block.configured on for the resource.
#     terraform: Set the argument that maps to public_access_block.configured to true.
package rampart.aws.s3.encrypted

import data.rampart.lib

deny contains {"msg": sprintf("%s: public_access_block.configured is off", [input.id]), "path": "attributes.public_access_block.configured"} if {
	lib.attr(["public_access_block", "configured"]) == false
}

# A control never passes on data it did not see: a missing or mistyped
# attribute makes the result not_evaluated.
unknown contains {"msg": "public_access_block.configured is unknown", "path": "attributes.public_access_block.configured"} if {
	not is_boolean(lib.attr(["public_access_block", "configured"]))
}
