# METADATA
# title: RDS databases keep automated backups for 7 days and are protected from deletion
# description: >-
#   Without automated backups (retention 0) there is no point-in-time
#   recovery, and without deletion protection one API call destroys the
#   database. Judged on stand-alone instances and on DB clusters; a
#   cluster's members take both settings from the cluster.
# custom:
#   id: AWS-RDS-004
#   severity: medium
#   resource_types: [aws.rds.instance, aws.rds.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.13"]
#     nist-800-53-r5: ["CP-9", "CP-10"]
#     soc2: ["A1.2"]
#   equivalents:
#     prowler: [rds_instance_backup_enabled, rds_instance_deletion_protection, rds_cluster_deletion_protection]
#     trivy: [AVD-AWS-0077, AVD-AWS-0177, AVD-AWS-0343]
#   remediation:
#     console: 'RDS → the instance → Modify → Backup retention period: 7 days or more; Deletion protection: Enable.'
#     terraform: 'aws_db_instance / aws_rds_cluster { backup_retention_period = 7, deletion_protection = true }.'
package rampart.aws.rds.backups

import data.rampart.lib

min_days := 7

deny contains {"msg": sprintf("database %s keeps backups for %d days (at least %d required)", [lib.rds_name, input.attributes.backup_retention_period, min_days]), "path": "attributes.backup_retention_period"} if {
	lib.rds_standalone
	input.attributes.backup_retention_period < min_days
}

deny contains {"msg": sprintf("database %s has deletion protection off", [lib.rds_name]), "path": "attributes.deletion_protection"} if {
	lib.rds_standalone
	input.attributes.deletion_protection == false
}

unknown contains {"msg": "the backup retention period is unknown", "path": "attributes.backup_retention_period"} if {
	lib.rds_standalone
	not is_number(lib.attr("backup_retention_period"))
}

unknown contains {"msg": "deletion protection is unknown", "path": "attributes.deletion_protection"} if {
	lib.rds_standalone
	not is_boolean(lib.attr("deletion_protection"))
}

unknown contains p if some p in lib.rds_membership_problem
