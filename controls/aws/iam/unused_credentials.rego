# METADATA
# title: Credentials unused for 45 days are disabled
# description: >-
#   A console password or active access key nobody has used for 45 days is a
#   standing credential with no owner watching it; disable it.
# custom:
#   id: AWS-IAM-007
#   severity: medium
#   resource_types: [aws.iam.user]
#   frameworks:
#     cis-aws-3.0: ["1.12"]
#     iso27001-2022: ["A.5.18"]
#     nist-800-53-r5: ["AC-2(3)"]
#     soc2: ["CC6.2"]
#   equivalents:
#     prowler: [iam_user_accesskey_unused, iam_user_console_access_unused]
#     trivy: [AVD-AWS-0144, AVD-AWS-0166]
#   remediation:
#     console: 'IAM → Users → the user → Security credentials → deactivate the access key, or Manage console access → Disable.'
#     terraform: 'Remove the aws_iam_access_key or aws_iam_user_login_profile resource of the unused credential.'
package rampart.aws.iam.unused_credentials

import data.rampart.lib

max_days := 45

attrs := input.attributes

deny contains {"msg": sprintf("active access key %s has not been used for %d days", [object.get(key, "access_key_id", "(no ID)"), lib.days_since(last_use(key))]), "path": sprintf("attributes.access_keys[%d]", [i])} if {
	some i, key in attrs.access_keys
	key.status == "Active"
	is_string(key.create_date)
	lib.days_since(last_use(key)) > max_days
}

deny contains {"msg": sprintf("the console password has not been used for more than %d days", [max_days]), "path": "attributes.password_last_used"} if {
	attrs.password_enabled == true
	is_string(attrs.create_date)
	lib.days_since(object.get(attrs, "password_last_used", attrs.create_date)) > max_days
}

# A key never used counts from its creation.
last_use(key) := object.get(key, "last_used_date", key.create_date)

unknown contains {"msg": "the user's access keys are unknown", "path": "attributes.access_keys"} if {
	not is_array(lib.attr("access_keys"))
}

unknown contains {"msg": "whether the user has a console password is unknown", "path": "attributes.password_enabled"} if {
	not is_boolean(lib.attr("password_enabled"))
}

unknown contains {"msg": sprintf("access key %d has no creation date", [i]), "path": sprintf("attributes.access_keys[%d].create_date", [i])} if {
	some i, key in attrs.access_keys
	not is_string(object.get(key, "create_date", null))
}

unknown contains {"msg": sprintf("access key %d has an unknown status", [i]), "path": sprintf("attributes.access_keys[%d].status", [i])} if {
	some i, key in attrs.access_keys
	not status_known(key)
}

# A helper: OPA lifts a field read out of `not`, so a missing status would
# make `not key.status in {...}` undefined, not true.
status_known(key) if key.status in {"Active", "Inactive"}

# last_used_date and password_last_used are absent when never used (the
# creation date counts then); present, they must be readable dates.
unknown contains {"msg": sprintf("the last use of access key %d is unreadable", [i]), "path": sprintf("attributes.access_keys[%d].last_used_date", [i])} if {
	some i, key in attrs.access_keys
	is_object(key)
	"last_used_date" in object.keys(key)
	not is_string(object.get(key, "last_used_date", null))
}

unknown contains {"msg": "the user's creation date is unknown", "path": "attributes.create_date"} if {
	attrs.password_enabled == true
	not is_string(lib.attr("create_date"))
}

unknown contains {"msg": "the last use of the console password is unreadable", "path": "attributes.password_last_used"} if {
	attrs.password_enabled == true
	"password_last_used" in object.keys(attrs)
	not is_string(object.get(attrs, "password_last_used", null))
}
