# METADATA
# title: RDS snapshots are not public
# description: >-
#   A DB snapshot or DB cluster snapshot whose restore attribute holds all
#   can be restored by any AWS account: the whole database, its users and
#   password hashes. Snapshots are shared with named accounts, never with
#   everyone. Automated snapshots cannot be shared.
# custom:
#   id: AWS-RDS-013
#   severity: critical
#   resource_types: [aws.rds.snapshot]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-21"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [rds_snapshots_public_access]
#   remediation:
#     console: 'RDS → Snapshots → the snapshot → Actions → Share snapshot → DB snapshot visibility: Private → save.'
#     terraform: 'Keep "all" out of shared_accounts of aws_db_snapshot / aws_db_cluster_snapshot; share with named account IDs only.'
package rampart.aws.rds.snapshot_not_public

import data.rampart.lib

deny contains {"msg": sprintf("RDS snapshot %s is public: any AWS account can restore it", [lib.label("snapshot_identifier")]), "path": "attributes.public"} if {
	input.attributes.public == true
}

unknown contains {"msg": "public is unknown", "path": "attributes.public"} if {
	not is_boolean(lib.attr("public"))
}
