# METADATA
# title: No attached policy, customer or AWS-managed, grants full administrative access
# description: >-
#   A policy allowing every action ("*", "*:*", or NotAction) on every
#   resource ("*", or NotResource) makes everyone it is attached to an
#   administrator, outside any review of what they need.
# custom:
#   id: AWS-IAM-010
#   severity: high
#   resource_types: [aws.iam.policy]
#   frameworks:
#     cis-aws-3.0: ["1.16"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "AC-6(1)"]
#     soc2: ["CC6.3"]
#   equivalents:
#     prowler: [iam_aws_attached_policy_no_administrative_privileges, iam_customer_attached_policy_no_administrative_privileges]
#   remediation:
#     console: 'IAM → Policies → the policy → Edit → replace "Action": "*" with the actions needed, or detach it from every user, group and role.'
#     terraform: 'Narrow the aws_iam_policy document (data.aws_iam_policy_document statements) to named actions and resources.'
package rampart.aws.iam.no_admin_policy

import data.rampart.lib

attrs := input.attributes

deny contains {"msg": sprintf("policy %s allows every action on every resource (statement %d) and is attached %d time(s)", [lib.label("policy_name"), i, attrs.attachment_count]), "path": sprintf("attributes.document.Statement[%d]", [i])} if {
	is_number(attrs.attachment_count)
	attrs.attachment_count > 0
	some i, st in lib.statements(attrs.document)
	lib.admin_statement(st)
}

unknown contains {"msg": "the policy document is unknown", "path": "attributes.document"} if {
	not is_object(lib.attr("document"))
}

unknown contains {"msg": "the policy's attachment count is unknown", "path": "attributes.attachment_count"} if {
	not is_number(lib.attr("attachment_count"))
}

# An unattached policy passes whatever it says, so its statements matter
# only once it is attached (or its attachments are unknown).
unknown contains {"msg": "the policy document has no readable Statement", "path": "attributes.document.Statement"} if {
	may_be_attached
	is_object(lib.attr("document"))
	not lib.statements(attrs.document)
}

unknown contains {"msg": sprintf("statement %d of the policy document is unreadable", [i]), "path": sprintf("attributes.document.Statement[%d]", [i])} if {
	may_be_attached
	some i, st in lib.statements(attrs.document)
	not lib.well_formed_statement(st)
}

may_be_attached if not lib.attr("attachment_count") == 0
