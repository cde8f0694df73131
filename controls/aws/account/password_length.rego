# METADATA
# title: The IAM password policy sets a minimum length of at least 14
# description: >-
#   IAM user passwords follow an account password policy; without one, or with
#   a minimum length under 14, weak or recycled passwords are accepted.
# custom:
#   id: AWS-IAM-005
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.8"]
#     iso27001-2022: ["A.5.17"]
#     nist-800-53-r5: ["IA-5(1)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_password_policy_minimum_length_14]
#     trivy: [AVD-AWS-0063]
#   remediation:
#     console: 'IAM → Account settings → Password policy → Edit → set the minimum length to 14 or more.'
#     terraform: 'aws_iam_account_password_policy with minimum_password_length = 14.'
package rampart.aws.account.password_length

import data.rampart.lib

pp := input.attributes.password_policy

deny contains {"msg": "the account has no IAM password policy", "path": "attributes.password_policy.configured"} if {
	pp.configured == false
}

deny contains {"msg": sprintf("the password policy minimum length is %d (at least 14 required)", [pp.minimum_password_length]), "path": "attributes.password_policy.minimum_password_length"} if {
	pp.configured == true
	pp.minimum_password_length < 14
}

unknown contains {"msg": "the account password policy is unknown", "path": "attributes.password_policy"} if {
	not is_boolean(lib.attr(["password_policy", "configured"]))
}

unknown contains {"msg": "the password policy minimum length is unknown", "path": "attributes.password_policy.minimum_password_length"} if {
	pp.configured == true
	not is_number(lib.attr(["password_policy", "minimum_password_length"]))
}
