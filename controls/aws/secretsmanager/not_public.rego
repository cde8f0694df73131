# METADATA
# title: No Secrets Manager secret policy lets everyone in
# description: >-
#   A resource policy statement that allows the principal "*" (or
#   {"AWS": "*"}, or a NotPrincipal) without a condition tying it to an
#   account, organisation or network lets any AWS identity in the world
#   read or change the secret.
# custom:
#   id: AWS-SM-003
#   severity: critical
#   resource_types: [aws.secretsmanager.secret]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [secretsmanager_not_publicly_accessible]
#   remediation:
#     console: 'Secrets Manager → the secret → Overview → Resource permissions → Edit permissions → name the principals that need the secret instead of "*", or add a condition on aws:PrincipalOrgID.'
#     terraform: 'In aws_secretsmanager_secret_policy.policy replace Principal "*" with the roles that read the secret, or add a condition on aws:PrincipalOrgID.'
package rampart.aws.secretsmanager.not_public

import data.rampart.lib

doc := input.attributes.policy.document

deny contains {"msg": sprintf("the resource policy of secret %s lets anyone in (statement %d)", [lib.label("name"), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	lib.public_statement(st)
}

unknown contains {"msg": sprintf("the resource policy of secret %s is unknown", [lib.label("name")]), "path": "attributes.policy"} if {
	not is_boolean(lib.attr(["policy", "present"]))
}

unknown contains {"msg": "the resource policy has no readable Statement", "path": "attributes.policy.document.Statement"} if {
	input.attributes.policy.present == true
	not lib.statements(doc)
}

unknown contains {"msg": sprintf("statement %d of the resource policy is unreadable", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	not lib.well_formed_principal_statement(st)
}

unknown contains {"msg": "the resource policy document is unknown", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not is_object(lib.attr(["policy", "document"]))
}
