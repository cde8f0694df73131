# METADATA
# title: Databases of confidential systems run in more than one Availability Zone
# description: >-
#   A stand-alone RDS instance or a DB cluster of a confidential or
#   restricted system (the claiming system's classification) fails when it
#   is not Multi-AZ: one zone's outage, or the failure of its single host,
#   takes the data offline until it is restored. Cluster members are judged
#   through their cluster. Other systems are not judged, which is why
#   Prowler's rds_instance_multi_az and rds_cluster_multi_az (every
#   database) are not listed as equivalents.
# custom:
#   id: AWS-RDS-005
#   severity: medium
#   resource_types: [aws.rds.instance, aws.rds.cluster]
#   frameworks:
#     iso27001-2022: ["A.8.14"]
#     nist-800-53-r5: ["CP-10", "SC-36"]
#     soc2: ["A1.2"]
#   equivalents: {}
#   remediation:
#     console: 'RDS → the database → Modify → Availability and durability → Multi-AZ DB instance (for Aurora: add a reader in another zone) → apply.'
#     terraform: 'aws_db_instance { multi_az = true }; for Aurora, aws_rds_cluster_instance resources in at least two availability zones.'
package rampart.aws.rds.multi_az

import data.rampart.lib

deny contains {"msg": sprintf("database %s of a %s system runs in one Availability Zone", [lib.rds_name, input.system.classification]), "path": "attributes.multi_az"} if {
	lib.confidential(input)
	lib.rds_standalone
	input.attributes.multi_az == false
}

unknown contains {"msg": "multi_az is unknown", "path": "attributes.multi_az"} if {
	lib.confidential(input)
	lib.rds_standalone
	not is_boolean(lib.attr("multi_az"))
}

unknown contains p if {
	lib.confidential(input)
	some p in lib.rds_membership_problem
}
