# METADATA
# title: No access key created at user setup and never used
# description: >-
#   An active access key that was never used on a user with a console
#   password is usually one created by default when the user was set up: a
#   standing secret nobody needs. Create keys only when a program needs one.
# custom:
#   id: AWS-IAM-023
#   severity: medium
#   resource_types: [aws.iam.user]
#   frameworks:
#     cis-aws-3.0: ["1.11"]
#     iso27001-2022: ["A.5.17", "A.5.18"]
#     nist-800-53-r5: ["AC-2", "IA-5"]
#     soc2: ["CC6.2"]
#   equivalents:
#     prowler: [iam_user_no_setup_initial_access_key]
#   remediation:
#     console: 'IAM → Users → the user → Security credentials → Access keys → Deactivate, then Delete the key that was never used.'
#     terraform: 'Remove the aws_iam_access_key of a console user that no program uses.'
package rampart.aws.iam.setup_access_key

import data.rampart.lib

attrs := input.attributes

deny contains {"msg": sprintf("active access key %s of a console user has never been used", [object.get(key, "access_key_id", "(no ID)")]), "path": sprintf("attributes.access_keys[%d]", [i])} if {
	attrs.password_enabled == true
	some i, key in attrs.access_keys
	key.status == "Active"
	not "last_used_date" in object.keys(key)
}

unknown contains {"msg": "whether the user has a console password is unknown", "path": "attributes.password_enabled"} if {
	not is_boolean(lib.attr("password_enabled"))
}

unknown contains {"msg": "the user's access keys are unknown", "path": "attributes.access_keys"} if {
	not is_array(lib.attr("access_keys"))
}

unknown contains {"msg": sprintf("access key %d is unreadable", [i]), "path": sprintf("attributes.access_keys[%d]", [i])} if {
	some i, key in attrs.access_keys
	not key_readable(key)
}

# last_used_date is absent when the key was never used; present, it must
# be a string.
key_readable(key) if {
	key.status in {"Active", "Inactive"}
	is_string(object.get(key, "last_used_date", ""))
}
