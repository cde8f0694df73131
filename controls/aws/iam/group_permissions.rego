# METADATA
# title: IAM users receive permissions only through groups
# description: >-
#   Policies attached to individual users drift and are missed in access
#   reviews; grant permissions through groups (or roles) only.
# custom:
#   id: AWS-IAM-009
#   severity: low
#   resource_types: [aws.iam.user]
#   frameworks:
#     cis-aws-3.0: ["1.15"]
#     iso27001-2022: ["A.5.15", "A.5.18"]
#     nist-800-53-r5: ["AC-2", "AC-6"]
#     soc2: ["CC6.3"]
#   equivalents:
#     prowler: [iam_policy_attached_only_to_group_or_roles]
#     trivy: [AVD-AWS-0143]
#   remediation:
#     console: 'IAM → Users → the user → Permissions → move each directly attached or inline policy to a group and add the user to it.'
#     terraform: 'Replace aws_iam_user_policy and aws_iam_user_policy_attachment with aws_iam_group_policy_attachment and aws_iam_user_group_membership.'
package rampart.aws.iam.group_permissions

import data.rampart.lib

deny contains {"msg": sprintf("managed policy %s is attached directly to the user", [object.get(p, "policy_name", "(no name)")]), "path": sprintf("attributes.attached_policies[%d]", [i])} if {
	some i, p in input.attributes.attached_policies
}

deny contains {"msg": sprintf("inline policy %s is embedded in the user", [inline_name(p)]), "path": sprintf("attributes.inline_policies[%d]", [i])} if {
	some i, p in input.attributes.inline_policies
}

# An inline policy is {name, document}; a bare name is what snapshots
# recorded before documents were collected carry, and still counts.
inline_name(p) := object.get(p, "name", "(no name)") if is_object(p)

else := p if is_string(p)

else := "(no name)"

unknown contains {"msg": "the user's attached policies are unknown", "path": "attributes.attached_policies"} if {
	not is_array(lib.attr("attached_policies"))
}

unknown contains {"msg": "the user's inline policies are unknown", "path": "attributes.inline_policies"} if {
	not is_array(lib.attr("inline_policies"))
}
