# METADATA
# title: The root user has no active access keys
# description: >-
#   Root access keys give unrestricted, unscoped access to the whole account
#   and cannot be limited by any policy; the root user must have no active
#   access key.
# custom:
#   id: AWS-IAM-003
#   severity: critical
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.4"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6(2)", "AC-6(10)"]
#     soc2: ["CC6.1", "CC6.3"]
#   equivalents:
#     prowler: [iam_no_root_access_key]
#     trivy: [AVD-AWS-0141]
#   remediation:
#     console: 'Sign in as root → Security credentials → Access keys → Deactivate and then Delete every key.'
#     terraform: 'Terraform cannot manage root access keys; delete them in the console and keep no aws_iam_access_key for the root user in state.'
package rampart.aws.account.root_access_keys

import data.rampart.lib

deny contains {"msg": sprintf("the root user has %d active access key(s)", [input.attributes.root.access_keys_active]), "path": "attributes.root.access_keys_active"} if {
	input.attributes.root.access_keys_active > 0
}

unknown contains {"msg": "whether the root user has access keys is unknown", "path": "attributes.root.access_keys_active"} if {
	not is_number(lib.attr(["root", "access_keys_active"]))
}
