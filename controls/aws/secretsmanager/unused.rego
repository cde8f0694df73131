# METADATA
# title: No Secrets Manager secret has gone unread for 90 days
# description: >-
#   A secret nobody has read for 90 days is most likely left over from a
#   retired system — a credential still valid, still worth stealing, and
#   watched by no one. Delete it, or find who still needs it. A secret
#   never read counts from its creation. Only the live collector knows the
#   dates: on Terraform evidence the control is not_evaluated.
# custom:
#   id: AWS-SM-006
#   severity: medium
#   resource_types: [aws.secretsmanager.secret]
#   frameworks:
#     iso27001-2022: ["A.5.18", "A.8.10"]
#     nist-800-53-r5: ["AC-2(3)", "CM-7"]
#     soc2: ["CC6.2"]
#   equivalents:
#     prowler: [secretsmanager_secret_unused]
#   remediation:
#     console: 'Secrets Manager → the secret → check "Last retrieved"; if nothing needs it, Actions → Delete secret (with a recovery window); else find the consumer and document it.'
#     terraform: 'Remove the aws_secretsmanager_secret (a recovery_window_in_days keeps it restorable), or document the consumer that still reads it.'
package rampart.aws.secretsmanager.unused

import data.rampart.lib

max_idle_days := 90

deny contains {"msg": sprintf("secret %s was last read %d days ago (limit %d)", [lib.label("name"), idle, max_idle_days]), "path": "attributes.last_accessed_date"} if {
	idle := lib.days_since(input.attributes.last_accessed_date)
	idle > max_idle_days
}

deny contains {"msg": sprintf("secret %s was never read in the %d days since it was created (limit %d)", [lib.label("name"), age, max_idle_days]), "path": "attributes.last_accessed_date"} if {
	never_read
	age := lib.days_since(input.attributes.created_date)
	age > max_idle_days
}

# The collector leaves last_accessed_date out for a secret never read: the
# absence is an answer only when nothing says the date is unknown and the
# creation date tells since when.
never_read if {
	lib.attr("last_accessed_date") == null
	not "last_accessed_date" in object.keys(object.get(input, "unknown", {}))
	valid_time(lib.attr("created_date"))
}

unknown contains {"msg": sprintf("when secret %s was last read is unknown", [lib.label("name")]), "path": "attributes.last_accessed_date"} if {
	not is_string(lib.attr("last_accessed_date"))
	not never_read
}

unknown contains {"msg": sprintf("secret %s has an unreadable last_accessed_date", [lib.label("name")]), "path": "attributes.last_accessed_date"} if {
	is_string(lib.attr("last_accessed_date"))
	not valid_time(lib.attr("last_accessed_date"))
}

valid_time(v) if {
	is_string(v)
	time.parse_rfc3339_ns(v)
}
