# METADATA
# title: SNS topics are encrypted with a customer-managed KMS key
# description: >-
#   Under the AWS-managed key alias/aws/sns (or without a key) no key policy of
#   yours decides who may decrypt the messages, AWS services and other
#   accounts cannot be allowed to publish to an encrypted topic, and the
#   key's use cannot be cut off separately.
# custom:
#   id: AWS-SNS-003
#   severity: low
#   resource_types: [aws.sns.topic]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     trivy: [AVD-AWS-0136]
#   remediation:
#     console: 'SNS → Topics → the topic → Edit → Encryption → AWS KMS key: a customer-managed key instead of alias/aws/sns.'
#     terraform: 'aws_sns_topic { kms_master_key_id = aws_kms_key.messages.arn } (not "alias/aws/sns").'
package rampart.aws.sns.customer_key

import data.rampart.lib

deny contains {"msg": sprintf("topic %s is not encrypted with a customer-managed KMS key", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	input.attributes.customer_managed_key == false
}

unknown contains {"msg": sprintf("which key encrypts topic %s is unknown", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	not is_boolean(lib.attr("customer_managed_key"))
}
