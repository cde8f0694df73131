# METADATA
# title: No role trusts everyone
# description: >-
#   A trust policy that allows the principal "*" (or {"AWS": "*"}, or a
#   NotPrincipal) without a condition tying it to an account, organisation
#   or source lets any AWS identity in the world assume the role.
# custom:
#   id: AWS-IAM-011
#   severity: critical
#   resource_types: [aws.iam.role]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#     soc2: ["CC6.1", "CC6.3"]
#   equivalents: {}
#   remediation:
#     console: 'IAM → Roles → the role → Trust relationships → Edit trust policy → name the accounts, roles or services that may assume it instead of "*", or add a condition on aws:PrincipalOrgID.'
#     terraform: 'In the assume_role_policy (data.aws_iam_policy_document principals block) replace identifiers = ["*"] with the principals that need the role, or add a condition on aws:PrincipalOrgID.'
package rampart.aws.iam.role_public_trust

import data.rampart.lib

trust := input.attributes.assume_role_policy

deny contains {"msg": sprintf("the trust policy lets anyone assume role %s (statement %d)", [lib.label("role_name"), i]), "path": sprintf("attributes.assume_role_policy.Statement[%d]", [i])} if {
	some i, st in lib.statements(trust)
	lib.public_statement(st)
}

unknown contains {"msg": "the role's trust policy is unknown", "path": "attributes.assume_role_policy"} if {
	not is_object(lib.attr("assume_role_policy"))
}

unknown contains {"msg": "the trust policy has no readable Statement", "path": "attributes.assume_role_policy.Statement"} if {
	is_object(lib.attr("assume_role_policy"))
	not lib.statements(trust)
}

unknown contains {"msg": sprintf("statement %d of the trust policy is unreadable", [i]), "path": sprintf("attributes.assume_role_policy.Statement[%d]", [i])} if {
	some i, st in lib.statements(trust)
	not lib.well_formed_principal_statement(st)
}
