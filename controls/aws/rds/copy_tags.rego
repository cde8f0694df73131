# METADATA
# title: Database snapshots inherit the database's tags
# description: >-
#   A stand-alone RDS instance or a DB cluster copies its tags to its
#   snapshots, so that a snapshot carries the owner, classification and
#   retention tags that tag-based access policies, backup plans and cost
#   reports rely on. Cluster members are judged through their cluster.
# custom:
#   id: AWS-RDS-008
#   severity: low
#   resource_types: [aws.rds.instance, aws.rds.cluster]
#   frameworks:
#     iso27001-2022: ["A.5.9", "A.5.12"]
#     nist-800-53-r5: ["CM-8"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [rds_instance_copy_tags_to_snapshots, rds_cluster_copy_tags_to_snapshots]
#   remediation:
#     console: 'RDS → the database → Modify → Backup → Copy tags to snapshots → apply.'
#     terraform: 'aws_db_instance / aws_rds_cluster { copy_tags_to_snapshot = true }.'
package rampart.aws.rds.copy_tags

import data.rampart.lib

deny contains {"msg": sprintf("database %s does not copy its tags to snapshots", [lib.rds_name]), "path": "attributes.copy_tags_to_snapshot"} if {
	lib.rds_standalone
	input.attributes.copy_tags_to_snapshot == false
}

unknown contains {"msg": "copy_tags_to_snapshot is unknown", "path": "attributes.copy_tags_to_snapshot"} if {
	lib.rds_standalone
	not is_boolean(lib.attr("copy_tags_to_snapshot"))
}

unknown contains p if some p in lib.rds_membership_problem
