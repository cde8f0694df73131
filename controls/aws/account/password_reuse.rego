# METADATA
# title: The IAM password policy sets a reuse prevention (remembered passwords) of at least 24
# description: >-
#   IAM user passwords follow an account password policy; without one, or with
#   a reuse prevention (remembered passwords) under 24, weak or recycled
#   passwords are accepted.
# custom:
#   id: AWS-IAM-006
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.9"]
#     iso27001-2022: ["A.5.17"]
#     nist-800-53-r5: ["IA-5(1)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_password_policy_reuse_24]
#     trivy: [AVD-AWS-0056]
#   remediation:
#     console: 'IAM → Account settings → Password policy → Edit → set the reuse prevention (remembered passwords) to 24 or more.'
#     terraform: 'aws_iam_account_password_policy with password_reuse_prevention = 24.'
package rampart.aws.account.password_reuse

import data.rampart.lib

pp := input.attributes.password_policy

deny contains {"msg": "the account has no IAM password policy", "path": "attributes.password_policy.configured"} if {
	pp.configured == false
}

deny contains {"msg": sprintf("the password policy reuse prevention (remembered passwords) is %d (at least 24 required)", [pp.password_reuse_prevention]), "path": "attributes.password_policy.password_reuse_prevention"} if {
	pp.configured == true
	pp.password_reuse_prevention < 24
}

unknown contains {"msg": "the account password policy is unknown", "path": "attributes.password_policy"} if {
	not is_boolean(lib.attr(["password_policy", "configured"]))
}

unknown contains {"msg": "the password policy reuse prevention (remembered passwords) is unknown", "path": "attributes.password_policy.password_reuse_prevention"} if {
	pp.configured == true
	not is_number(lib.attr(["password_policy", "password_reuse_prevention"]))
}
