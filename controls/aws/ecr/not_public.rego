# METADATA
# title: ECR repositories are not open to everyone
# description: >-
#   A repository policy statement that allows the principal "*" (or a
#   NotPrincipal) without a condition tying it to an account or
#   organisation lets anyone pull the images — and with push actions,
#   replace them.
# custom:
#   id: AWS-ECR-001
#   severity: critical
#   resource_types: [aws.ecr.repository]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-21"]
#     soc2: ["CC6.1", "CC6.6"]
#   equivalents:
#     prowler: [ecr_repositories_not_publicly_accessible]
#     trivy: [AVD-AWS-0032]
#   remediation:
#     console: 'ECR → Repositories → the repository → Permissions → Edit policy JSON → replace "Principal": "*" with the accounts that pull (or add a condition on aws:PrincipalOrgID).'
#     terraform: 'aws_ecr_repository_policy: name the accounts or roles in principals instead of "*", or add a condition on aws:PrincipalOrgID.'
package rampart.aws.ecr.not_public

import data.rampart.lib

policy := input.attributes.policy.document

deny contains {"msg": sprintf("the policy of ECR repository %s lets anyone in (statement %d)", [lib.label("repository_name"), i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(policy)
	lib.public_statement(st)
}

unknown contains {"msg": "the repository policy is unknown", "path": "attributes.policy"} if {
	not is_boolean(lib.attr(["policy", "present"]))
}

unknown contains {"msg": "the repository policy has no readable Statement", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not lib.statements(policy)
}

unknown contains {"msg": sprintf("statement %d of the repository policy is unreadable", [i]), "path": sprintf("attributes.policy.document.Statement[%d]", [i])} if {
	input.attributes.policy.present == true
	some i, st in lib.statements(policy)
	not lib.well_formed_principal_statement(st)
}

unknown contains {"msg": "the repository policy is present but its document is unknown", "path": "attributes.policy.document"} if {
	input.attributes.policy.present == true
	not is_object(lib.attr(["policy", "document"]))
}
