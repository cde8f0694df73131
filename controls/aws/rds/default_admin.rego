# METADATA
# title: Databases do not use a default master user name
# description: >-
#   The master user of a stand-alone RDS instance or a DB cluster is not a
#   name every password-guessing tool tries first (admin, administrator,
#   root, postgres, sa, master — compared without case): an attacker who
#   reaches the endpoint must then guess the user as well as its password.
#   Cluster members are judged through their cluster.
# custom:
#   id: AWS-RDS-012
#   severity: medium
#   resource_types: [aws.rds.instance, aws.rds.cluster]
#   frameworks:
#     iso27001-2022: ["A.5.17", "A.8.5"]
#     nist-800-53-r5: ["IA-5", "AC-2"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [rds_instance_default_admin, rds_cluster_default_admin]
#   remediation:
#     console: 'The master user name cannot be changed: restore a snapshot into a new database with another master user name (or create a new master-equivalent user and stop using the default one), then switch clients.'
#     terraform: 'aws_db_instance { username = "orders_owner" } / aws_rds_cluster { master_username = "reports_owner" } (forces a new database).'
package rampart.aws.rds.default_admin

import data.rampart.lib

default_names := {"admin", "administrator", "root", "postgres", "sa", "master"}

deny contains {"msg": sprintf("database %s has the default master user name %q", [lib.rds_name, input.attributes.master_username]), "path": "attributes.master_username"} if {
	lib.rds_standalone
	lower(input.attributes.master_username) in default_names
}

unknown contains {"msg": "master_username is unknown", "path": "attributes.master_username"} if {
	lib.rds_standalone
	not is_string(lib.attr("master_username"))
}

unknown contains p if some p in lib.rds_membership_problem
