# METADATA
# title: Databases refuse clients that do not use TLS
# description: >-
#   A stand-alone RDS instance or a DB cluster whose engine can require TLS
#   (PostgreSQL, SQL Server and Aurora PostgreSQL through rds.force_ssl;
#   MySQL, MariaDB and Aurora MySQL through require_secure_transport) has it
#   required in its parameter group, so that no client, misconfigured or
#   downgraded, sends credentials and data in clear text. Default parameter
#   groups are judged like any other: MySQL's default does not require TLS.
#   Cluster members are judged through their cluster; engines that require
#   TLS elsewhere (Oracle and Db2 option groups) are not judged.
# custom:
#   id: AWS-RDS-019
#   severity: high
#   resource_types: [aws.rds.instance, aws.rds.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.24", "A.5.14"]
#     nist-800-53-r5: ["SC-8", "SC-8(1)"]
#     soc2: ["CC6.7"]
#   equivalents:
#     prowler: [rds_instance_transport_encrypted]
#   remediation:
#     console: 'RDS → Parameter groups → create a group of the database''s family (a default group cannot be changed) → set rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = ON (MySQL, MariaDB) → the database (for Aurora: the cluster) → Modify → DB (cluster) parameter group → apply.'
#     terraform: 'aws_db_parameter_group (aws_rds_cluster_parameter_group for a cluster) { parameter { name = "rds.force_ssl" value = "1" } } (require_secure_transport = "ON" for MySQL/MariaDB), referenced by parameter_group_name / db_cluster_parameter_group_name.'
package rampart.aws.rds.tls_required

import data.rampart.lib

tls_engines := {"postgres", "aurora-postgresql", "mysql", "mariadb", "aurora", "aurora-mysql", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web"}

parameter(engine) := "require_secure_transport" if engine in {"mysql", "mariadb", "aurora", "aurora-mysql"}

parameter(engine) := "rds.force_ssl" if not engine in {"mysql", "mariadb", "aurora", "aurora-mysql"}

group := object.get(input.attributes, "parameter_group", "its default parameter group")

deny contains {"msg": sprintf("database %s (%s) accepts clients without TLS: %s does not set %s", [lib.rds_name, input.attributes.engine, group, parameter(input.attributes.engine)]), "path": "attributes.tls_required"} if {
	lib.rds_standalone
	input.attributes.engine in tls_engines
	input.attributes.tls_required == false
}

unknown contains {"msg": "the engine is unknown", "path": "attributes.engine"} if {
	lib.rds_standalone
	not is_string(lib.attr("engine"))
}

unknown contains {"msg": "tls_required is unknown", "path": "attributes.tls_required"} if {
	lib.rds_standalone
	lib.attr("engine") in tls_engines
	not is_boolean(lib.attr("tls_required"))
}

unknown contains p if some p in lib.rds_membership_problem
