# METADATA
# title: Secrets Manager secrets were rotated in the last 90 days
# description: >-
#   Rotation that is switched on but failing (a broken rotation function, a
#   schedule longer than the policy) leaves the same value in use. The
#   secret's last rotation must be at most 90 days ago; a secret never
#   rotated fails. Only the live collector knows the date: on Terraform
#   evidence the control is not_evaluated.
# custom:
#   id: AWS-SM-002
#   severity: medium
#   resource_types: [aws.secretsmanager.secret]
#   frameworks:
#     iso27001-2022: ["A.5.17"]
#     nist-800-53-r5: ["IA-5(1)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [secretsmanager_secret_rotated_periodically]
#   remediation:
#     console: 'Secrets Manager → the secret → Rotation → Rotate secret immediately; then check the rotation function''s CloudWatch logs for the failures that stopped it.'
#     terraform: 'aws_secretsmanager_secret_rotation { rotation_rules { automatically_after_days = 90 or less } } with a working rotation_lambda_arn.'
package rampart.aws.secretsmanager.rotated_recently

import data.rampart.lib

max_age_days := 90

deny contains {"msg": sprintf("secret %s was last rotated %d days ago (limit %d)", [lib.label("name"), age, max_age_days]), "path": "attributes.last_rotated_date"} if {
	age := lib.days_since(input.attributes.last_rotated_date)
	age > max_age_days
}

# The collector leaves last_rotated_date out for a secret never rotated;
# created_date says the listing was read, so the absence is an answer.
deny contains {"msg": sprintf("secret %s has never been rotated", [lib.label("name")]), "path": "attributes.last_rotated_date"} if {
	is_string(lib.attr("created_date"))
	lib.attr("last_rotated_date") == null
	not "last_rotated_date" in object.keys(object.get(input, "unknown", {}))
}

unknown contains {"msg": sprintf("when secret %s was last rotated is unknown", [lib.label("name")]), "path": "attributes.last_rotated_date"} if {
	not is_string(lib.attr("created_date"))
	not is_string(lib.attr("last_rotated_date"))
}

unknown contains {"msg": sprintf("when secret %s was last rotated is unknown", [lib.label("name")]), "path": "attributes.last_rotated_date"} if {
	"last_rotated_date" in object.keys(object.get(input, "unknown", {}))
}

unknown contains {"msg": sprintf("secret %s has an unreadable last_rotated_date", [lib.label("name")]), "path": "attributes.last_rotated_date"} if {
	v := lib.attr("last_rotated_date")
	v != null
	not valid_time(v)
}

valid_time(v) if {
	is_string(v)
	time.parse_rfc3339_ns(v)
}
