# METADATA
# title: No customer policy allows iam:PassRole on every role
# description: >-
#   iam:PassRole on "*" lets its holder hand any role — an administrator
#   role included — to a service it can start (an instance, a function, a
#   stack) and act with that role's rights. Name the roles that may be
#   passed.
# custom:
#   id: AWS-IAM-019
#   severity: medium
#   resource_types: [aws.iam.policy]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "AC-6(10)"]
#     soc2: ["CC6.3"]
#   equivalents:
#     trivy: [AVD-AWS-0342]
#   remediation:
#     console: 'IAM → Policies → the policy → Edit → give iam:PassRole the ARNs of the roles to pass, with a condition on iam:PassedToService.'
#     terraform: 'In the aws_iam_policy document, set resources of the iam:PassRole statement to the role ARNs and add condition { test = "StringEquals", variable = "iam:PassedToService" }.'
package rampart.aws.iam.passrole_limited

import data.rampart.lib

attrs := input.attributes

deny contains {"msg": sprintf("customer policy %s allows iam:PassRole on every role", [lib.label("policy_name")]), "path": "attributes.document"} if {
	lib.customer_managed
	lib.allows(attrs.document, "iam:PassRole", "*")
}

unknown contains {"msg": "whether AWS manages the policy is unknown", "path": "attributes.aws_managed"} if {
	lib.policy_manager_unknown
}

unknown contains {"msg": "the policy document is unknown", "path": "attributes.document"} if {
	not is_object(lib.attr("document"))
}

unknown contains {"msg": sprintf("statement %d of the policy document is unreadable", [i]), "path": "attributes.document.Statement"} if {
	is_object(lib.attr("document"))
	some i in lib.unreadable_statements(attrs.document)
}
