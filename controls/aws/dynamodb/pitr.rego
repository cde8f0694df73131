# METADATA
# title: DynamoDB tables have point-in-time recovery
# description: >-
#   Point-in-time recovery keeps continuous backups of a table for up to 35
#   days, so a table overwritten or deleted by mistake, a bad deployment or
#   an attacker can be restored to any second of that window. Without it
#   only on-demand backups, if any, remain.
# custom:
#   id: AWS-DDB-001
#   severity: medium
#   resource_types: [aws.dynamodb.table]
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9", "CP-10"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [dynamodb_tables_pitr_enabled]
#     trivy: [AVD-AWS-0024]
#   remediation:
#     console: 'DynamoDB → Tables → the table → Backups → Point-in-time recovery → Edit → Turn on point-in-time recovery.'
#     terraform: 'aws_dynamodb_table { point_in_time_recovery { enabled = true } }.'
package rampart.aws.dynamodb.pitr

import data.rampart.lib

deny contains {"msg": sprintf("table %s has no point-in-time recovery", [lib.label("name")]), "path": "attributes.point_in_time_recovery"} if {
	input.attributes.point_in_time_recovery == false
}

unknown contains {"msg": sprintf("whether table %s has point-in-time recovery is unknown", [lib.label("name")]), "path": "attributes.point_in_time_recovery"} if {
	not is_boolean(lib.attr("point_in_time_recovery"))
}
