# METADATA
# title: No inline policy grants administrator access or privilege escalation
# description: >-
#   An inline policy lives only inside its user, group or role and escapes
#   reviews of managed policies. One that allows every action ("*:*",
#   NotAction) or a privilege-escalation path (iam:PassRole with a run or
#   create action, policy-version edits, attaching or putting policies,
#   creating keys or login profiles, editing trust) makes its holder an
#   administrator.
# custom:
#   id: AWS-IAM-016
#   severity: high
#   resource_types: [aws.iam.user, aws.iam.group, aws.iam.role]
#   frameworks:
#     cis-aws-3.0: ["1.16"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "AC-6(1)", "AC-6(10)"]
#     soc2: ["CC6.3"]
#   equivalents:
#     prowler: [iam_inline_policy_no_administrative_privileges]
#   remediation:
#     console: 'IAM → the user, group or role → Permissions → the inline policy → Edit → remove "*" and the escalation actions it names, or replace it with a reviewed managed policy.'
#     terraform: 'Narrow the policy of the aws_iam_*_policy (or inline_policy block) to named actions; grant iam:PassRole only on the roles needed, with iam:PassedToService.'
package rampart.aws.iam.inline_policy_privilege

import data.rampart.lib

inline := input.attributes.inline_policies

deny contains {"msg": sprintf("inline policy %s allows every action on every resource", [name(p)]), "path": sprintf("attributes.inline_policies[%d].document", [i])} if {
	some i, p in inline
	lib.admin_document(p.document)
}

deny contains {"msg": sprintf("inline policy %s allows privilege escalation: %s", [name(p), concat(", ", sort(paths))]), "path": sprintf("attributes.inline_policies[%d].document", [i])} if {
	some i, p in inline
	not lib.admin_document(p.document)
	paths := lib.privilege_escalation(p.document)
	count(paths) > 0
}

name(p) := object.get(p, "name", "(no name)")

unknown contains {"msg": "the identity's inline policies are unknown", "path": "attributes.inline_policies"} if {
	not is_array(lib.attr("inline_policies"))
}

# A bare name (snapshots from before documents were collected) or an
# unparsed document says nothing about what the policy allows.
unknown contains {"msg": sprintf("the document of inline policy %d is unknown", [i]), "path": sprintf("attributes.inline_policies[%d].document", [i])} if {
	some i, p in inline
	not document_known(p)
}

document_known(p) if is_object(p.document)

unknown contains {"msg": sprintf("statement %d of inline policy %d is unreadable", [j, i]), "path": sprintf("attributes.inline_policies[%d].document.Statement", [i])} if {
	some i, p in inline
	document_known(p)
	some j in lib.unreadable_statements(p.document)
}
