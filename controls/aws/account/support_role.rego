# METADATA
# title: A role exists for AWS Support incident handling
# description: >-
#   CIS 1.17: someone must be able to open and manage AWS Support cases
#   during an incident without the root user. The control passes when some
#   role attaches the AWS-managed AWSSupportAccess policy (support_roles,
#   from iam:GetAccountAuthorizationDetails).
# custom:
#   id: AWS-IAM-025
#   severity: low
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.17"]
#     iso27001-2022: ["A.5.24", "A.5.26"]
#     nist-800-53-r5: ["IR-4", "IR-7"]
#     soc2: ["CC7.4"]
#   equivalents:
#     prowler: [iam_support_role_created]
#     trivy: [AVD-AWS-0169]
#   remediation:
#     console: 'IAM → Roles → Create role trusted by the account (or the incident team''s identity provider) → attach AWSSupportAccess.'
#     terraform: 'aws_iam_role "support" with a trust policy for the incident team, and aws_iam_role_policy_attachment { policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess" }.'
package rampart.aws.account.support_role

import data.rampart.lib

deny contains {"msg": sprintf("account %s has no role with the AWSSupportAccess policy", [lib.label("account_id")]), "path": "attributes.support_roles"} if {
	is_array(input.attributes.support_roles)
	count(input.attributes.support_roles) == 0
}

unknown contains {"msg": "the account's support roles are unknown", "path": "attributes.support_roles"} if {
	not is_array(lib.attr("support_roles"))
}
