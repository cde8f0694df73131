# METADATA
# title: AWSCloudShellFullAccess is attached to no user, group or role
# description: >-
#   AWSCloudShellFullAccess gives a shell with file upload and download and outbound internet: a path to move data out of the account past other controls.
# custom:
#   id: AWS-IAM-015
#   severity: medium
#   resource_types: [aws.iam.user, aws.iam.group, aws.iam.role]
#   frameworks:
#     cis-aws-3.0: ["1.22"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "AC-6(1)"]
#     soc2: ["CC6.3"]
#   equivalents:
#     prowler: [iam_policy_cloudshell_admin_not_attached]
#   remediation:
#     console: 'IAM → Users, User groups or Roles → the identity → Permissions → remove AWSCloudShellFullAccess and attach a policy with the actions it needs.'
#     terraform: 'Remove the aws_iam_*_policy_attachment (or managed_policy_arns entry) with policy_arn = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"; attach a narrower policy instead.'
package rampart.aws.iam.cloudshell_full_access

import data.rampart.lib

policy_arn := "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"

deny contains {"msg": sprintf("AWSCloudShellFullAccess is attached to %s", [input.type]), "path": sprintf("attributes.attached_policies[%d]", [i])} if {
	some i, p in input.attributes.attached_policies
	p.policy_arn == policy_arn
}

unknown contains {"msg": "the identity's attached policies are unknown", "path": "attributes.attached_policies"} if {
	not is_array(lib.attr("attached_policies"))
}

# An attachment whose ARN is unknown (Terraform: the policy is created or
# looked up in the same plan) might be AWSCloudShellFullAccess — unless its name is known
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
	p.policy_name != "AWSCloudShellFullAccess"
}
