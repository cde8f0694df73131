# METADATA
# title: AdministratorAccess is attached to no user, group or role
# description: >-
#   The AWS-managed AdministratorAccess policy allows every action on every resource ("*:*"); an identity holding it is an administrator outside any review of what it needs.
# custom:
#   id: AWS-IAM-014
#   severity: high
#   resource_types: [aws.iam.user, aws.iam.group, aws.iam.role]
#   frameworks:
#     cis-aws-3.0: ["1.16"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "AC-6(1)"]
#     soc2: ["CC6.3"]
#   equivalents:
#     prowler: [iam_group_administrator_access_policy, iam_role_administratoraccess_policy, iam_user_administrator_access_policy]
#   remediation:
#     console: 'IAM → Users, User groups or Roles → the identity → Permissions → remove AdministratorAccess and attach a policy with the actions it needs.'
#     terraform: 'Remove the aws_iam_*_policy_attachment (or managed_policy_arns entry) with policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"; attach a narrower policy instead.'
package rampart.aws.iam.no_administrator_access

import data.rampart.lib

policy_arn := "arn:aws:iam::aws:policy/AdministratorAccess"

deny contains {"msg": sprintf("AdministratorAccess is attached to %s", [input.type]), "path": sprintf("attributes.attached_policies[%d]", [i])} if {
	some i, p in input.attributes.attached_policies
	p.policy_arn == policy_arn
}

unknown contains {"msg": "the identity's attached policies are unknown", "path": "attributes.attached_policies"} if {
	not is_array(lib.attr("attached_policies"))
}

# An attachment whose ARN is unknown (Terraform: the policy is created or
# looked up in the same plan) might be AdministratorAccess — unless its name is known
# and another: an AWS-managed policy's ARN ends in its name, so a policy
# named otherwise cannot have that ARN.
unknown contains {"msg": sprintf("the ARN of attached policy %d is unknown", [i]), "path": sprintf("attributes.attached_policies[%d].policy_arn", [i])} if {
	some i, p in input.attributes.attached_policies
	not arn_known(p)
	not other_name(p)
}

arn_known(p) if is_string(p.policy_arn)

other_name(p) if {
	is_string(p.policy_name)
	p.policy_name != "AdministratorAccess"
}
