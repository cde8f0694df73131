# METADATA
# title: No attached customer-managed policy grants full administrative access
# description: >-
#   A policy allowing "*" actions on "*" resources makes everyone it is
#   attached to an administrator, outside any review of what they need.
# custom:
#   id: AWS-IAM-010
#   severity: high
#   resource_types: [aws.iam.policy]
#   frameworks:
#     cis-aws-3.0: ["1.16"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "AC-6(1)"]
#     soc2: ["CC6.3"]
#   remediation:
#     console: 'IAM → Policies → the policy → Edit → replace "Action": "*" with the actions needed, or detach it from every user, group and role.'
#     terraform: 'Narrow the aws_iam_policy document (data.aws_iam_policy_document statements) to named actions and resources.'
package rampart.aws.iam.no_admin_policy

import data.rampart.lib

statements := s if {
	s := input.attributes.document.Statement
	is_array(s)
} else := [input.attributes.document.Statement]

as_list(x) := x if is_array(x)

else := [x]

full_admin(st) if {
	st.Effect == "Allow"
	"*" in as_list(st.Action)
	"*" in as_list(st.Resource)
}

deny contains {"msg": sprintf("policy %s allows \"*\" on \"*\" and is attached %d time(s)", [lib.label("policy_name"), input.attributes.attachment_count]), "path": "attributes.document.Statement"} if {
	input.attributes.attachment_count > 0
	some st in statements
	full_admin(st)
}

unknown contains {"msg": "the policy document is unknown", "path": "attributes.document"} if {
	not is_object(lib.attr("document"))
}

unknown contains {"msg": "the policy's attachment count is unknown", "path": "attributes.attachment_count"} if {
	not is_number(lib.attr("attachment_count"))
}
