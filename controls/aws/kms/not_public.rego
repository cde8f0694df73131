# METADATA
# title: No KMS key policy lets everyone use the key
# description: >-
#   A key policy statement that allows the principal "*" (or {"AWS": "*"},
#   or a NotPrincipal) without a condition tying it to an account,
#   organisation, network or source (kms:CallerAccount counts) lets any AWS
#   identity in the world use the key: decrypt what it protects, or change
#   and schedule the deletion of the key itself. Only customer-managed keys
#   are checked; AWS writes the policies of its managed keys.
# custom:
#   id: AWS-KMS-002
#   severity: critical
#   resource_types: [aws.kms.key]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.24"]
#     nist-800-53-r5: ["AC-3", "SC-12"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [kms_key_not_publicly_accessible]
#   remediation:
#     console: 'KMS → Customer managed keys → the key → Key policy → Edit → replace Principal "*" with the roles and accounts that use the key, or add a condition on kms:CallerAccount or aws:PrincipalOrgID.'
#     terraform: 'In aws_kms_key_policy.policy (or the key''s policy) replace Principal "*" with the key users, or add a condition on kms:CallerAccount or aws:PrincipalOrgID.'
package rampart.aws.kms.not_public

import data.rampart.lib

doc := input.attributes.policy.document

deny contains {"msg": sprintf("the key policy of key %s lets anyone in (statement %d)", [lib.label("key_id"), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	lib.public_statement(st)
}

unknown contains {"msg": sprintf("the key policy of key %s is unknown", [lib.label("key_id")]), "path": "attributes.policy"} if {
	input.attributes.customer_managed == true
	not is_boolean(lib.attr(["policy", "present"]))
}

unknown contains {"msg": "whether the key is customer managed is unknown", "path": "attributes.customer_managed"} if {
	not is_boolean(lib.attr("customer_managed"))
}

unknown contains {"msg": "the key policy has no readable Statement", "path": "attributes.policy.document.Statement"} if {
	input.attributes.policy.present == true
	not lib.statements(doc)
}

unknown contains {"msg": sprintf("statement %d of the key policy is unreadable", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(doc)
	not lib.well_formed_principal_statement(st)
}

unknown contains {"msg": "the key policy document is unknown", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not is_object(lib.attr(["policy", "document"]))
}
