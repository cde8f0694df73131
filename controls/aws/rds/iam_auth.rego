# METADATA
# title: Databases accept IAM authentication
# description: >-
#   A stand-alone RDS instance or a DB cluster whose engine supports IAM
#   database authentication (MySQL, MariaDB, PostgreSQL and their Aurora
#   editions) has it enabled, so that people and services connect with
#   short-lived IAM tokens instead of long-lived database passwords.
#   Cluster members are judged through their cluster; engines without IAM
#   authentication (Oracle, SQL Server, Db2) are not judged.
# custom:
#   id: AWS-RDS-006
#   severity: medium
#   resource_types: [aws.rds.instance, aws.rds.cluster]
#   frameworks:
#     iso27001-2022: ["A.5.17", "A.8.5"]
#     nist-800-53-r5: ["IA-2", "IA-5"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [rds_instance_iam_authentication_enabled, rds_cluster_iam_authentication_enabled]
#     trivy: [AVD-AWS-0176]
#   remediation:
#     console: 'RDS → the database → Modify → Database authentication → Password and IAM database authentication → apply; then grant rds-db:connect to the roles that connect.'
#     terraform: 'aws_db_instance / aws_rds_cluster { iam_database_authentication_enabled = true }.'
package rampart.aws.rds.iam_auth

import data.rampart.lib

iam_engines := {"mysql", "mariadb", "postgres", "aurora", "aurora-mysql", "aurora-postgresql"}

deny contains {"msg": sprintf("database %s (%s) does not accept IAM authentication", [lib.rds_name, input.attributes.engine]), "path": "attributes.iam_database_authentication_enabled"} if {
	lib.rds_standalone
	input.attributes.engine in iam_engines
	input.attributes.iam_database_authentication_enabled == false
}

unknown contains {"msg": "the engine is unknown", "path": "attributes.engine"} if {
	lib.rds_standalone
	not is_string(lib.attr("engine"))
}

unknown contains {"msg": "iam_database_authentication_enabled is unknown", "path": "attributes.iam_database_authentication_enabled"} if {
	lib.rds_standalone
	lib.attr("engine") in iam_engines
	not is_boolean(lib.attr("iam_database_authentication_enabled"))
}

unknown contains p if some p in lib.rds_membership_problem
