# METADATA
# title: DynamoDB tables have deletion protection
# description: >-
#   A table without deletion protection is gone with one DeleteTable call (or
#   a terraform destroy); with it, the protection must first be switched off
#   on purpose.
# custom:
#   id: AWS-DDB-004
#   severity: medium
#   resource_types: [aws.dynamodb.table]
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9", "SI-7"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [dynamodb_table_deletion_protection_enabled]
#   remediation:
#     console: 'DynamoDB → Tables → the table → Additional settings → Deletion protection → Turn on.'
#     terraform: 'aws_dynamodb_table { deletion_protection_enabled = true }.'
package rampart.aws.dynamodb.deletion_protection

import data.rampart.lib

deny contains {"msg": sprintf("table %s has no deletion protection", [lib.label("name")]), "path": "attributes.deletion_protection"} if {
	input.attributes.deletion_protection == false
}

unknown contains {"msg": sprintf("whether table %s has deletion protection is unknown", [lib.label("name")]), "path": "attributes.deletion_protection"} if {
	not is_boolean(lib.attr("deletion_protection"))
}
