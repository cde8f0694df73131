# METADATA
# title: DynamoDB tables are encrypted with a KMS key
# description: >-
#   By default DynamoDB encrypts a table under a key it owns, of which the
#   account sees nothing: no CloudTrail record of its use, no key policy.
#   Under a KMS key (the AWS-managed aws/dynamodb or a customer-managed
#   one) every use of the key is logged and governed by a key policy.
#   AWS-DDB-003 asks for a customer-managed key.
# custom:
#   id: AWS-DDB-002
#   severity: low
#   resource_types: [aws.dynamodb.table]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [dynamodb_tables_kms_cmk_encryption_enabled]
#   remediation:
#     console: 'DynamoDB → Tables → the table → Additional settings → Encryption → Manage encryption → AWS managed key (aws/dynamodb) or a customer-managed key.'
#     terraform: 'aws_dynamodb_table { server_side_encryption { enabled = true } } (with kms_key_arn for a customer-managed key).'
package rampart.aws.dynamodb.kms

import data.rampart.lib

deny contains {"msg": sprintf("table %s is encrypted with DynamoDB's own key, not a KMS key", [lib.label("name")]), "path": "attributes.encryption"} if {
	input.attributes.encryption == "AWS_OWNED"
}

unknown contains {"msg": sprintf("how table %s is encrypted is unknown", [lib.label("name")]), "path": "attributes.encryption"} if {
	not lib.attr("encryption") in {"AWS_OWNED", "KMS"}
}
