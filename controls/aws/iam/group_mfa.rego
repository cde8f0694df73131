# METADATA
# title: Groups enforce MFA
# description: >-
#   A group whose policies do not deny requests made without MFA lets a
#   stolen password or key act with all of the group's rights. Enforce MFA
#   with a Deny of every action (or of all but the MFA self-service ones)
#   when aws:MultiFactorAuthPresent is false.
# custom:
#   id: AWS-IAM-022
#   severity: medium
#   resource_types: [aws.iam.group]
#   frameworks:
#     iso27001-2022: ["A.5.17", "A.8.5"]
#     nist-800-53-r5: ["IA-2(1)", "IA-2(2)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     trivy: [AVD-AWS-0123]
#   remediation:
#     console: 'IAM → User groups → the group → Permissions → Add permissions → Create inline policy → a Deny statement with NotAction of the MFA self-service actions and Condition BoolIfExists aws:MultiFactorAuthPresent = false.'
#     terraform: 'aws_iam_group_policy with a statement { effect = "Deny", not_actions = [...], resources = ["*"], condition { test = "BoolIfExists", variable = "aws:MultiFactorAuthPresent", values = ["false"] } }.'
package rampart.aws.iam.group_mfa

import data.rampart.lib

attrs := input.attributes

# Only inline documents are in the group's evidence: an attached customer
# policy's document is another resource, which a control judging one
# resource cannot read; the group is then not_evaluated, not failed.
deny contains {"msg": sprintf("group %s has no policy denying requests without MFA", [lib.label("group_name")]), "path": "attributes.inline_policies"} if {
	is_array(attrs.inline_policies)
	is_array(attrs.attached_policies)
	not enforces_mfa
	count(customer_attached) == 0
	every p in attrs.inline_policies {
		is_object(p.document)
	}
}

enforces_mfa if {
	some p in attrs.inline_policies
	some st in lib.statements(p.document)
	mfa_deny(st)
}

# A Deny on (nearly) every action, or on every action but a few, when MFA
# is absent: Bool or BoolIfExists aws:MultiFactorAuthPresent "false".
mfa_deny(st) if {
	st.Effect == "Deny"
	broad(st)
	some op, block in st.Condition
	lower(op) in {"bool", "boolifexists"}
	some key, value in block
	lower(key) == "aws:multifactorauthpresent"
	"false" in {lower(v) | some v in lib.string_list(value)}
}

broad(st) if lib.string_list(st.NotAction)

broad(st) if {
	some a in lib.string_list(st.Action)
	a in {"*", "*:*"}
}

customer_attached := [p |
	some p in attrs.attached_policies
	not aws_managed_attachment(p)
]

aws_managed_attachment(p) if {
	is_string(p.policy_arn)
	startswith(p.policy_arn, "arn:aws:iam::aws:policy/")
}

unknown contains {"msg": "the group's inline policies are unknown", "path": "attributes.inline_policies"} if {
	not is_array(lib.attr("inline_policies"))
}

unknown contains {"msg": "the group's attached policies are unknown", "path": "attributes.attached_policies"} if {
	not is_array(lib.attr("attached_policies"))
}

unknown contains {"msg": sprintf("the document of inline policy %d is unknown", [i]), "path": sprintf("attributes.inline_policies[%d].document", [i])} if {
	some i, p in attrs.inline_policies
	not document_known(p)
}

document_known(p) if is_object(p.document)

unknown contains {"msg": sprintf("attached policy %s may enforce MFA, but its document is not part of the group's evidence", [object.get(p, "policy_name", object.get(p, "policy_arn", "(unnamed)"))]), "path": sprintf("attributes.attached_policies[%d]", [i])} if {
	not enforces_mfa
	some i, p in attrs.attached_policies
	not aws_managed_attachment(p)
	is_object(p)
}

unknown contains {"msg": sprintf("attached policy %d is unreadable", [i]), "path": sprintf("attributes.attached_policies[%d]", [i])} if {
	not enforces_mfa
	some i, p in attrs.attached_policies
	not is_object(p)
}
