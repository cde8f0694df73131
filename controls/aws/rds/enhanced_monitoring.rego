# METADATA
# title: RDS instances send Enhanced Monitoring metrics
# description: >-
#   Enhanced Monitoring (a monitoring interval above 0 seconds) gives the
#   operating-system metrics of the database host — the signal of a runaway
#   query, an exhausted disk or a host under attack. It is set per instance,
#   cluster members included.
# custom:
#   id: AWS-RDS-007
#   severity: low
#   resource_types: [aws.rds.instance]
#   frameworks:
#     iso27001-2022: ["A.8.16"]
#     nist-800-53-r5: ["SI-4", "CA-7"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [rds_instance_enhanced_monitoring_enabled]
#   remediation:
#     console: 'RDS → the instance → Modify → Monitoring → Enable Enhanced Monitoring, granularity 60 seconds or finer, with a monitoring role → apply.'
#     terraform: 'aws_db_instance { monitoring_interval = 60, monitoring_role_arn = aws_iam_role.rds_monitoring.arn }.'
package rampart.aws.rds.enhanced_monitoring

import data.rampart.lib

deny contains {"msg": sprintf("database %s has Enhanced Monitoring off", [lib.rds_name]), "path": "attributes.monitoring_interval"} if {
	input.attributes.monitoring_interval == 0
}

unknown contains {"msg": "monitoring_interval is unknown", "path": "attributes.monitoring_interval"} if {
	not is_number(lib.attr("monitoring_interval"))
}
