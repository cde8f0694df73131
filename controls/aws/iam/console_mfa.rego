# METADATA
# title: IAM users with console access have MFA
# description: >-
#   A console password alone is one phished secret away from the account;
#   every IAM user with a console password must have an MFA device.
# custom:
#   id: AWS-IAM-001
#   severity: high
#   resource_types: [aws.iam.user]
#   frameworks:
#     cis-aws-3.0: ["1.10"]
#     iso27001-2022: ["A.5.17", "A.8.5"]
#     nist-800-53-r5: ["IA-2(1)", "IA-2(2)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_user_mfa_enabled_console_access]
#     trivy: [AVD-AWS-0145]
#   remediation:
#     console: IAM → Users → the user → Security credentials → Assign MFA device (or remove the console password).
#     terraform: Terraform cannot enrol an MFA device; enforce MFA with an IAM policy denying actions when aws:MultiFactorAuthPresent is false, and enrol the device in the console.
package rampart.aws.iam.console_mfa

import data.rampart.lib

attrs := input.attributes

deny contains {"msg": sprintf("IAM user %q has a console password and no MFA device", [lib.label("user_name")]), "path": "attributes.mfa_devices"} if {
	attrs.password_enabled == true
	is_array(attrs.mfa_devices)
	count(attrs.mfa_devices) == 0
}

unknown contains {"msg": "whether the user has a console password is unknown", "path": "attributes.password_enabled"} if {
	not is_boolean(lib.attr("password_enabled"))
}

unknown contains {"msg": "the user's MFA devices are unknown", "path": "attributes.mfa_devices"} if {
	attrs.password_enabled == true
	not is_array(lib.attr("mfa_devices"))
}
