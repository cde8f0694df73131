# METADATA
# title: Secrets Manager secrets are encrypted with a customer-managed KMS key
# description: >-
#   Without a key of its own a secret is encrypted under the AWS-managed key
#   aws/secretsmanager, whose key policy no one can narrow: every principal
#   of the account allowed to call Secrets Manager can decrypt it, the key
#   cannot be shared for cross-account use, and its use cannot be cut off
#   separately. A customer-managed key puts decryption under a policy you
#   control.
# custom:
#   id: AWS-SM-005
#   severity: low
#   resource_types: [aws.secretsmanager.secret]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     trivy: [AVD-AWS-0098]
#   remediation:
#     console: 'Secrets Manager → the secret → Overview → Actions → Edit encryption key → a customer-managed KMS key (existing versions stay readable; rotate the secret to re-encrypt the current value).'
#     terraform: 'aws_secretsmanager_secret { kms_key_id = aws_kms_key.secrets.arn }.'
package rampart.aws.secretsmanager.customer_key

import data.rampart.lib

deny contains {"msg": sprintf("secret %s is encrypted with the AWS-managed key aws/secretsmanager", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	input.attributes.customer_managed_key == false
}

unknown contains {"msg": sprintf("which key encrypts secret %s is unknown", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	not is_boolean(lib.attr("customer_managed_key"))
}
