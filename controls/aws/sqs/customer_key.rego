# METADATA
# title: SQS queues are encrypted with a customer-managed KMS key
# description: >-
#   SSE-SQS and the AWS-managed key alias/aws/sqs encrypt the messages, but no
#   key policy of yours decides who may decrypt them and the key's use cannot
#   be cut off separately; a customer-managed key puts decryption under a
#   policy you control.
# custom:
#   id: AWS-SQS-003
#   severity: low
#   resource_types: [aws.sqs.queue]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     trivy: [AVD-AWS-0135]
#   remediation:
#     console: 'SQS → Queues → the queue → Edit → Encryption → SSE-KMS with a customer-managed key instead of SSE-SQS or alias/aws/sqs.'
#     terraform: 'aws_sqs_queue { kms_master_key_id = aws_kms_key.messages.arn } (not "alias/aws/sqs").'
package rampart.aws.sqs.customer_key

import data.rampart.lib

deny contains {"msg": sprintf("queue %s is not encrypted with a customer-managed KMS key", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	input.attributes.customer_managed_key == false
}

unknown contains {"msg": sprintf("which key encrypts queue %s is unknown", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	not is_boolean(lib.attr("customer_managed_key"))
}
