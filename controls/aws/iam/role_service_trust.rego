# METADATA
# title: Service trust is restricted to the account's own resources
# description: >-
#   A role an AWS service may assume without aws:SourceAccount or
#   aws:SourceArn can be used by that service acting for another customer
#   (cross-service confused deputy). Service-linked roles, whose trust AWS
#   writes, are exempt.
# custom:
#   id: AWS-IAM-013
#   severity: low
#   resource_types: [aws.iam.role]
#   frameworks:
#     iso27001-2022: ["A.8.2"]
#     nist-800-53-r5: ["AC-3"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_role_cross_service_confused_deputy_prevention]
#   remediation:
#     console: 'IAM → Roles → the role → Trust relationships → Edit trust policy → add "Condition": {"StringEquals": {"aws:SourceAccount": "<account>"}} (or ArnLike aws:SourceArn) to the statement trusting the service.'
#     terraform: 'Add a condition { test = "StringEquals", variable = "aws:SourceAccount", values = [data.aws_caller_identity.current.account_id] } to the service statement of the assume_role_policy.'
package rampart.aws.iam.role_service_trust

import data.rampart.lib

trust := input.attributes.assume_role_policy

deny contains {"msg": sprintf("role %s trusts %s without aws:SourceAccount or aws:SourceArn (statement %d)", [lib.label("role_name"), concat(", ", sort(services)), i]), "path": sprintf("attributes.assume_role_policy.Statement[%d]", [i])} if {
	not service_linked
	some i, st in lib.statements(trust)
	st.Effect == "Allow"
	services := lib.service_principals(st)
	count(services) > 0
	not lib.restricted(st)
}

service_linked if {
	is_string(input.attributes.path)
	startswith(input.attributes.path, "/aws-service-role/")
}

unknown contains {"msg": "the role's path is unknown, so whether it is service-linked is too", "path": "attributes.path"} if {
	not is_string(lib.attr("path"))
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
