# METADATA
# title: DynamoDB tables are encrypted with a customer-managed KMS key
# description: >-
#   DynamoDB encrypts every table, but under its own key or the AWS-managed
#   aws/dynamodb no key policy of yours decides who may decrypt the data,
#   and the key cannot be disabled to cut off access to a table separately.
# custom:
#   id: AWS-DDB-003
#   severity: low
#   resource_types: [aws.dynamodb.table]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-12", "SC-28"]
#     soc2: ["CC6.1"]
#   equivalents:
#     trivy: [AVD-AWS-0025]
#   remediation:
#     console: 'DynamoDB → Tables → the table → Additional settings → Encryption → Manage encryption → Stored in your account, and owned and managed by you (a customer-managed key).'
#     terraform: 'aws_dynamodb_table { server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.tables.arn } }.'
package rampart.aws.dynamodb.customer_key

import data.rampart.lib

deny contains {"msg": sprintf("table %s is not encrypted with a customer-managed KMS key", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	input.attributes.customer_managed_key == false
}

unknown contains {"msg": sprintf("which key encrypts table %s is unknown", [lib.label("name")]), "path": "attributes.customer_managed_key"} if {
	not is_boolean(lib.attr("customer_managed_key"))
}
