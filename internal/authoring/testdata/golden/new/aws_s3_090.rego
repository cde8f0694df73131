# METADATA
# title: "aws.s3.bucket: encryption.enabled is true"
# description: >-
#   Fails when attributes.encryption.enabled is false; not evaluated when
#   the attribute is missing or not a boolean.
# custom:
#   id: AWS-S3-090
#   severity: medium
#   resource_types: [aws.s3.bucket]
#   frameworks:
#     iso27001-2022: ["A.8.9"]
#   # Checks of other tools this control answers in full (anchor → IDs
#   # from controls/anchors; docs/controls.md, Equivalents), {} for none.
#   equivalents: {}
#   # Resources beside the subject, read as input.related.<name>: joined by
#   # account, region, or a reference attribute (docs/controls.md, Relations
#   # and absence). Give them in tests as "related": {"<name>": [...]},
#   # with one case of none.
#   # related:
#   #   trails: {type: aws.cloudtrail.trail, join: account}
#   #   bucket: {type: aws.s3.bucket, join: {attribute: s3_bucket_name, key: name}}
#   remediation:
#     console: Turn encryption.enabled on for the resource.
#     terraform: Set the argument that maps to encryption.enabled to true.
package rampart.aws.s3.aws_s3_090

import data.rampart.lib

# rampart-scaffold: rampart lint fails until this comment is deleted. Write
# the rule that says what the control checks, its title, remediation and
# frameworks first: unedited, it fails every resource of the type whose
# encryption.enabled is off, with a placeholder message.

deny contains {"msg": sprintf("%s: encryption.enabled is off", [input.id]), "path": "attributes.encryption.enabled"} if {
	lib.attr(["encryption", "enabled"]) == false
}

# A control never passes on data it did not see: a missing or mistyped
# attribute makes the result not_evaluated.
unknown contains {"msg": "encryption.enabled is unknown", "path": "attributes.encryption.enabled"} if {
	not is_boolean(lib.attr(["encryption", "enabled"]))
}
