# METADATA
# title: SNS topics are encrypted at rest
# description: >-
#   Without a KMS key SNS stores the messages of a topic unencrypted while it
#   delivers them; notifications often carry the data they announce (an
#   order, an alarm with its resource, an error with its payload).
# custom:
#   id: AWS-SNS-002
#   severity: medium
#   resource_types: [aws.sns.topic]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [sns_topics_kms_encryption_at_rest_enabled]
#     trivy: [AVD-AWS-0095]
#   remediation:
#     console: 'SNS → Topics → the topic → Edit → Encryption → Enable encryption, with a customer-managed KMS key (publishers need kms:GenerateDataKey and kms:Decrypt on it).'
#     terraform: 'aws_sns_topic { kms_master_key_id = aws_kms_key.messages.arn }.'
package rampart.aws.sns.encrypted

import data.rampart.lib

deny contains {"msg": sprintf("topic %s is not encrypted at rest", [lib.label("name")]), "path": "attributes.encrypted"} if {
	input.attributes.encrypted == false
}

unknown contains {"msg": sprintf("whether topic %s is encrypted at rest is unknown", [lib.label("name")]), "path": "attributes.encrypted"} if {
	not is_boolean(lib.attr("encrypted"))
}
