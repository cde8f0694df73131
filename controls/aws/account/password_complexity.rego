# METADATA
# title: The password policy requires upper and lower case, numbers and symbols
# description: >-
#   Without character-class requirements users choose passwords from a much
#   smaller space; the IAM password policy should require all four classes.
# custom:
#   id: AWS-IAM-020
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     iso27001-2022: ["A.5.17"]
#     nist-800-53-r5: ["IA-5(1)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_password_policy_lowercase, iam_password_policy_number, iam_password_policy_symbol, iam_password_policy_uppercase]
#     trivy: [AVD-AWS-0058, AVD-AWS-0059, AVD-AWS-0060, AVD-AWS-0061]
#   remediation:
#     console: 'IAM → Account settings → Password policy → Edit → require at least one uppercase letter, one lowercase letter, one number and one non-alphanumeric character.'
#     terraform: 'aws_iam_account_password_policy with require_uppercase_characters, require_lowercase_characters, require_numbers and require_symbols = true.'
package rampart.aws.account.password_complexity

import data.rampart.lib

pp := input.attributes.password_policy

classes := {
	"require_uppercase_characters": "an uppercase letter",
	"require_lowercase_characters": "a lowercase letter",
	"require_numbers": "a number",
	"require_symbols": "a symbol",
}

deny contains {"msg": "the account has no IAM password policy", "path": "attributes.password_policy.configured"} if {
	pp.configured == false
}

deny contains {"msg": sprintf("the password policy does not require %s", [what]), "path": sprintf("attributes.password_policy.%s", [key])} if {
	pp.configured == true
	some key, what in classes
	pp[key] == false
}

unknown contains {"msg": "the account password policy is unknown", "path": "attributes.password_policy"} if {
	not is_boolean(lib.attr(["password_policy", "configured"]))
}

unknown contains {"msg": sprintf("whether the password policy requires %s is unknown", [what]), "path": sprintf("attributes.password_policy.%s", [key])} if {
	pp.configured == true
	some key, what in classes
	not is_boolean(lib.attr(["password_policy", key]))
}
