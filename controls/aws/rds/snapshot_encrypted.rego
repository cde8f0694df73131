# METADATA
# title: RDS snapshots are encrypted
# description: >-
#   A snapshot of an unencrypted database is unencrypted: whoever it is
#   shared with, or copied to, reads the data in the clear.
# custom:
#   id: AWS-RDS-014
#   severity: high
#   resource_types: [aws.rds.snapshot]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     soc2: ["CC6.1", "CC6.7"]
#   equivalents:
#     prowler: [rds_snapshots_encrypted]
#   remediation:
#     console: 'RDS → Snapshots → the snapshot → Actions → Copy snapshot → Enable encryption with a KMS key; delete the unencrypted copy and encrypt the source database (AWS-RDS-001).'
#     terraform: 'aws_db_snapshot_copy { kms_key_id = aws_kms_key.x.arn } of the snapshot; aws_db_instance / aws_rds_cluster { storage_encrypted = true } so new snapshots are encrypted.'
package rampart.aws.rds.snapshot_encrypted

import data.rampart.lib

deny contains {"msg": sprintf("RDS snapshot %s is not encrypted", [lib.label("snapshot_identifier")]), "path": "attributes.encrypted"} if {
	input.attributes.encrypted == false
}

unknown contains {"msg": "encrypted is unknown", "path": "attributes.encrypted"} if {
	not is_boolean(lib.attr("encrypted"))
}
