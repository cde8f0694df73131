# METADATA
# title: Databases listen on a port other than their engine's default
# description: >-
#   A stand-alone RDS instance or a DB cluster does not listen on its
#   engine's well-known port (3306 for MySQL, MariaDB and Aurora MySQL, 5432
#   for PostgreSQL, 1521 for Oracle, 1433 for SQL Server, 50000 for Db2):
#   internet-wide scans and worms probe exactly those. A weak defence by
#   itself, it cuts the noise of automated attacks. An engine not in the
#   table is not_evaluated. Cluster members are judged through their
#   cluster.
# custom:
#   id: AWS-RDS-010
#   severity: low
#   resource_types: [aws.rds.instance, aws.rds.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.20"]
#     nist-800-53-r5: ["CM-7", "SC-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     prowler: [rds_instance_non_default_port, rds_cluster_non_default_port]
#   remediation:
#     console: 'RDS → the database → Modify → Connectivity → Additional configuration → Database port → a non-default port → apply (clients reconnect).'
#     terraform: 'aws_db_instance / aws_rds_cluster { port = 6432 } (any port other than the engine default).'
package rampart.aws.rds.non_default_port

import data.rampart.lib

deny contains {"msg": sprintf("database %s listens on %s's default port %d", [lib.rds_name, input.attributes.engine, input.attributes.port]), "path": "attributes.port"} if {
	lib.rds_standalone
	input.attributes.port == lib.rds_default_ports[input.attributes.engine]
}

unknown contains {"msg": "the port is unknown", "path": "attributes.port"} if {
	lib.rds_standalone
	not is_number(lib.attr("port"))
}

unknown contains {"msg": sprintf("the engine %v has no default port known to Rampart", [lib.attr("engine")]), "path": "attributes.engine"} if {
	lib.rds_standalone
	not lib.rds_default_ports[lib.attr("engine")]
}

unknown contains p if some p in lib.rds_membership_problem
