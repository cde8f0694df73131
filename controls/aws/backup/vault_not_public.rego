# METADATA
# title: No backup vault access policy lets everyone in
# description: >-
#   A vault access policy statement that allows the principal "*" (or
#   {"AWS": "*"}, or a NotPrincipal) without a condition tying it to an
#   account, organisation or network lets any AWS identity in the world
#   act on the vault: copy recovery points out, read them, or — where the
#   statement allows it — delete the backups a recovery depends on.
# custom:
#   id: AWS-BK-003
#   severity: critical
#   resource_types: [aws.backup.vault]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3", "A.8.13"]
#     nist-800-53-r5: ["AC-3", "AC-6", "CP-9"]
#     soc2: ["CC6.1"]
#   equivalents: {}
#   remediation:
#     console: 'AWS Backup → Backup vaults → the vault → Access policy → Edit → name the principals that need the vault instead of "*", or add a condition on aws:PrincipalOrgID.'
#     terraform: 'In aws_backup_vault_policy.policy replace Principal "*" with the accounts or roles that need the vault, or add a condition on aws:PrincipalOrgID.'
package rampart.aws.backup.vault_not_public

import data.rampart.lib

doc := input.attributes.policy.document

deny contains {"msg": sprintf("the access policy of backup vault %s lets anyone in (statement %d)", [lib.label("name"), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	lib.public_statement(st)
}

unknown contains {"msg": sprintf("the access policy of backup vault %s is unknown", [lib.label("name")]), "path": "attributes.policy"} if {
	not is_boolean(lib.attr(["policy", "present"]))
}

unknown contains {"msg": "the access policy has no readable Statement", "path": "attributes.policy.document.Statement"} if {
	input.attributes.policy.present == true
	not lib.statements(doc)
}

unknown contains {"msg": sprintf("statement %d of the access policy is unreadable", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	not lib.well_formed_principal_statement(st)
}

unknown contains {"msg": "the access policy document is unknown", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not is_object(lib.attr(["policy", "document"]))
}
