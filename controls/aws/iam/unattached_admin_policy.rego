# METADATA
# title: No unattached customer policy grants full administrative access
# description: >-
#   An administrator policy attached to nobody grants nothing today, but it
#   is one attachment away from a new administrator and looks reviewed
#   because it already exists. Delete it, or narrow it.
# custom:
#   id: AWS-IAM-017
#   severity: low
#   resource_types: [aws.iam.policy]
#   frameworks:
#     iso27001-2022: ["A.5.15"]
#     nist-800-53-r5: ["AC-6"]
#     soc2: ["CC6.3"]
#   equivalents:
#     prowler: [iam_customer_unattached_policy_no_administrative_privileges]
#   remediation:
#     console: 'IAM → Policies → the policy → Delete, or Edit it to name the actions needed.'
#     terraform: 'Remove the aws_iam_policy resource, or narrow its document to named actions and resources.'
package rampart.aws.iam.unattached_admin_policy

import data.rampart.lib

attrs := input.attributes

deny contains {"msg": sprintf("unattached policy %s allows every action on every resource (statement %d)", [lib.label("policy_name"), i]), "path": sprintf("attributes.document.Statement[%d]", [i])} if {
	lib.customer_managed
	attrs.attachment_count == 0
	some i, st in lib.statements(attrs.document)
	lib.admin_statement(st)
}

unknown contains {"msg": "whether AWS manages the policy is unknown", "path": "attributes.aws_managed"} if {
	lib.policy_manager_unknown
}

unknown contains {"msg": "the policy's attachment count is unknown", "path": "attributes.attachment_count"} if {
	not is_number(lib.attr("attachment_count"))
}

unknown contains {"msg": "the policy document is unknown", "path": "attributes.document"} if {
	not is_object(lib.attr("document"))
}

unknown contains {"msg": sprintf("statement %d of the policy document is unreadable", [i]), "path": "attributes.document.Statement"} if {
	is_object(lib.attr("document"))
	some i in lib.unreadable_statements(attrs.document)
}
