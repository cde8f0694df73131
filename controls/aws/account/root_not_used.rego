# METADATA
# title: The root user is not used for everyday work
# description: >-
#   The root user cannot be limited by any policy; after setting up the
#   account it should sit unused behind MFA. A root sign-in or root access
#   key use in the last 90 days says it is still used for work an IAM
#   identity should do.
# custom:
#   id: AWS-IAM-021
#   severity: high
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.7"]
#     iso27001-2022: ["A.8.2"]
#     nist-800-53-r5: ["AC-6(2)", "AC-6(5)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_avoid_root_usage]
#     trivy: [AVD-AWS-0140]
#   remediation:
#     console: 'Find out from CloudTrail (userIdentity.type = Root) what the root user was used for, give that task to an IAM role or Identity Center user, and keep the root credentials locked away.'
#     terraform: 'Terraform cannot change how the root user is used; create the IAM roles (aws_iam_role) the work needs and stop using root.'
package rampart.aws.account.root_not_used

import data.rampart.lib

max_days := 90

root := input.attributes.root

# Absent means never signed in (the unknown rules below check a present
# value is a date).
deny contains {"msg": sprintf("the root user signed in %d day(s) ago", [lib.days_since(signed_in)]), "path": "attributes.root.password_last_used"} if {
	signed_in := object.get(root, "password_last_used", null)
	is_string(signed_in)
	lib.days_since(signed_in) < max_days
}

deny contains {"msg": sprintf("root access key %d was used %d day(s) ago", [i, lib.days_since(key.last_used_date)]), "path": sprintf("attributes.root.access_keys[%d].last_used_date", [i])} if {
	some i, key in root.access_keys
	lib.days_since(key.last_used_date) < max_days
}

unknown contains {"msg": "the root user's use is unknown", "path": "attributes.root"} if {
	not is_object(lib.attr("root"))
}

# password_last_used and last_used_date are absent when never used;
# present, they must be dates.
unknown contains {"msg": "the root user's last sign-in is unreadable", "path": "attributes.root.password_last_used"} if {
	is_object(lib.attr("root"))
	"password_last_used" in object.keys(root)
	not rfc3339(lib.attr(["root", "password_last_used"]))
}

unknown contains {"msg": "the root user's access keys are unknown", "path": "attributes.root.access_keys"} if {
	is_object(lib.attr("root"))
	not is_array(lib.attr(["root", "access_keys"]))
}

unknown contains {"msg": sprintf("the last use of root access key %d is unreadable", [i]), "path": sprintf("attributes.root.access_keys[%d]", [i])} if {
	some i, key in root.access_keys
	not key_readable(key)
}

key_readable(key) if {
	is_object(key)
	not "last_used_date" in object.keys(key)
}

key_readable(key) if rfc3339(key.last_used_date)

rfc3339(ts) if {
	is_string(ts)
	time.parse_rfc3339_ns(ts)
}

# A last use the collector could not read is named in `unknown`; its
# absence then does not mean "never used".
unknown contains {"msg": sprintf("the root user's last use is unknown: %s", [k]), "path": sprintf("attributes.%s", [k])} if {
	some k in lib.unknown_keys
	some prefix in ["root", "root.password_last_used", "root.access_keys"]
	k == prefix
}

unknown contains {"msg": sprintf("the root user's last use is unknown: %s", [k]), "path": sprintf("attributes.%s", [k])} if {
	some k in lib.unknown_keys
	is_string(k)
	startswith(k, "root.access_keys[")
}
