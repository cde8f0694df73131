# METADATA
# title: SQS queues are encrypted at rest
# description: >-
#   A queue without server-side encryption (neither SSE-SQS nor a KMS key)
#   stores its messages unencrypted until they are consumed or expire.
# custom:
#   id: AWS-SQS-002
#   severity: medium
#   resource_types: [aws.sqs.queue]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [sqs_queues_server_side_encryption_enabled]
#     trivy: [AVD-AWS-0096]
#   remediation:
#     console: 'SQS → Queues → the queue → Edit → Encryption → Server-side encryption: Enabled (SSE-SQS, or SSE-KMS with a customer-managed key).'
#     terraform: 'aws_sqs_queue { sqs_managed_sse_enabled = true } or { kms_master_key_id = aws_kms_key.messages.arn }.'
package rampart.aws.sqs.encrypted

import data.rampart.lib

deny contains {"msg": sprintf("queue %s is not encrypted at rest", [lib.label("name")]), "path": "attributes.encrypted"} if {
	input.attributes.encrypted == false
}

unknown contains {"msg": sprintf("whether queue %s is encrypted at rest is unknown", [lib.label("name")]), "path": "attributes.encrypted"} if {
	not is_boolean(lib.attr("encrypted"))
}
