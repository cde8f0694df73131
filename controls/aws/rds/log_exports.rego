# METADATA
# title: Databases export their logs to CloudWatch Logs
# description: >-
#   A stand-alone RDS instance or a DB cluster exports at least one of its
#   engine's log types (error, audit, general, slow query, postgresql …) to
#   CloudWatch Logs, where they are kept beyond the host's rotation and can
#   raise alarms; without an export, failed logins and errors leave no
#   trace once the instance rotates them. Cluster members are judged
#   through their cluster.
# custom:
#   id: AWS-RDS-009
#   severity: medium
#   resource_types: [aws.rds.instance, aws.rds.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [rds_instance_integration_cloudwatch_logs, rds_cluster_integration_cloudwatch_logs]
#   remediation:
#     console: 'RDS → the database → Modify → Log exports → select the error and audit (or postgresql) logs → apply.'
#     terraform: 'aws_db_instance / aws_rds_cluster { enabled_cloudwatch_logs_exports = ["error", "audit"] } (["postgresql"] for PostgreSQL).'
package rampart.aws.rds.log_exports

import data.rampart.lib

deny contains {"msg": sprintf("database %s exports no logs to CloudWatch Logs", [lib.rds_name]), "path": "attributes.enabled_cloudwatch_logs_exports"} if {
	lib.rds_standalone
	is_array(input.attributes.enabled_cloudwatch_logs_exports)
	count(input.attributes.enabled_cloudwatch_logs_exports) == 0
}

unknown contains {"msg": "enabled_cloudwatch_logs_exports is unknown", "path": "attributes.enabled_cloudwatch_logs_exports"} if {
	lib.rds_standalone
	not is_array(lib.attr("enabled_cloudwatch_logs_exports"))
}

unknown contains p if some p in lib.rds_membership_problem
