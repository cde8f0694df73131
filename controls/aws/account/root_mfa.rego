# METADATA
# title: The root user has MFA
# description: >-
#   The root user can do anything in the account, including closing it; a
#   password alone is not enough to protect it.
# custom:
#   id: AWS-IAM-004
#   severity: critical
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.5"]
#     iso27001-2022: ["A.5.17", "A.8.5"]
#     nist-800-53-r5: ["IA-2(1)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_root_mfa_enabled]
#     trivy: [AVD-AWS-0142]
#   remediation:
#     console: 'Sign in as root → Security credentials → Multi-factor authentication → Assign MFA device (a hardware key preferably).'
#     terraform: 'Terraform cannot enrol an MFA device for the root user; enrol it in the console.'
package rampart.aws.account.root_mfa

import data.rampart.lib

deny contains {"msg": "the root user has no MFA device", "path": "attributes.root.mfa_active"} if {
	input.attributes.root.mfa_active == false
}

unknown contains {"msg": "whether the root user has MFA is unknown", "path": "attributes.root.mfa_active"} if {
	not is_boolean(lib.attr(["root", "mfa_active"]))
}
