# METADATA
# title: Backup vaults have a vault lock with a minimum retention
# description: >-
#   Without a vault lock anyone allowed to delete recovery points — an
#   administrator, a stolen role, ransomware with the account's keys — can
#   remove every backup before destroying the data. AWS Backup Vault Lock
#   (write-once-read-many) refuses deletes and lifecycle changes that would
#   keep a recovery point less than the lock's minimum retention. A lock
#   without a minimum retention does not hold recovery points, so it fails
#   too.
# custom:
#   id: AWS-BK-005
#   severity: medium
#   resource_types: [aws.backup.vault]
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9", "SI-7"]
#     soc2: ["A1.2"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Backup → Backup vaults → the vault → Vault lock → Create vault lock → set the minimum retention (and, for compliance mode, a grace time).'
#     terraform: 'aws_backup_vault_lock_configuration { backup_vault_name = aws_backup_vault.<vault>.name, min_retention_days = 7 or more }.'
package rampart.aws.backup.vault_lock

import data.rampart.lib

deny contains {"msg": sprintf("backup vault %s has no vault lock: its recovery points can be deleted at any time", [lib.label("name")]), "path": "attributes.locked"} if {
	input.attributes.locked == false
}

deny contains {"msg": sprintf("the vault lock of backup vault %s sets no minimum retention", [lib.label("name")]), "path": "attributes.min_retention_days"} if {
	input.attributes.locked == true
	not "min_retention_days" in object.keys(input.attributes)
	not "min_retention_days" in object.keys(object.get(input, "unknown", {}))
}

unknown contains {"msg": sprintf("whether backup vault %s is locked is unknown", [lib.label("name")]), "path": "attributes.locked"} if {
	not is_boolean(lib.attr("locked"))
}

unknown contains {"msg": sprintf("the minimum retention of the vault lock of %s is unknown", [lib.label("name")]), "path": "attributes.min_retention_days"} if {
	input.attributes.locked == true
	"min_retention_days" in object.keys(object.get(input, "unknown", {}))
}

unknown contains {"msg": sprintf("the minimum retention of the vault lock of %s is not a number", [lib.label("name")]), "path": "attributes.min_retention_days"} if {
	input.attributes.locked == true
	"min_retention_days" in object.keys(input.attributes)
	not is_number(input.attributes.min_retention_days)
}
