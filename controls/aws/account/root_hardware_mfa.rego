# METADATA
# title: The root user's MFA is a hardware device
# description: >-
#   A virtual MFA device lives on a phone or laptop that may be lost,
#   backed up to the cloud or compromised with it; CIS 1.6 asks for a
#   hardware device for the root user. The credential report says whether
#   root has MFA at all (root.mfa_active); a virtual device assigned to root
#   (iam:ListVirtualMFADevices) means that MFA is not hardware.
# custom:
#   id: AWS-IAM-024
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.6"]
#     iso27001-2022: ["A.5.17", "A.8.5"]
#     nist-800-53-r5: ["IA-2(1)", "IA-2(6)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [iam_root_hardware_mfa_enabled]
#     trivy: [AVD-AWS-0165]
#   remediation:
#     console: 'Sign in as root → Security credentials → Multi-factor authentication → Assign MFA device: a security key or hardware TOTP token; then remove the virtual device.'
#     terraform: 'Terraform cannot enrol an MFA device for the root user; enrol a hardware device in the console.'
package rampart.aws.account.root_hardware_mfa

import data.rampart.lib

deny contains {"msg": "the root user has no MFA device at all", "path": "attributes.root.mfa_active"} if {
	input.attributes.root.mfa_active == false
}

deny contains {"msg": "the root user's MFA is a virtual device, not hardware", "path": "attributes.root_virtual_mfa"} if {
	input.attributes.root.mfa_active == true
	input.attributes.root_virtual_mfa == true
}

unknown contains {"msg": "whether the root user has MFA is unknown", "path": "attributes.root.mfa_active"} if {
	not is_boolean(lib.attr(["root", "mfa_active"]))
}

unknown contains {"msg": "whether the root user's MFA is a virtual device is unknown", "path": "attributes.root_virtual_mfa"} if {
	not is_boolean(lib.attr("root_virtual_mfa"))
}
