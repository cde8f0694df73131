# METADATA
# title: RDS databases are encrypted at rest
# description: >-
#   Database storage, automated backups, read replicas and snapshots of an
#   unencrypted instance are readable from the storage layer and from shared
#   snapshots.
# custom:
#   id: AWS-RDS-001
#   severity: high
#   resource_types: [aws.rds.instance, aws.rds.cluster]
#   frameworks:
#     cis-aws-3.0: ["2.3.1"]
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     soc2: ["CC6.1", "CC6.7"]
#   equivalents:
#     prowler: [rds_instance_storage_encrypted, rds_cluster_storage_encrypted]
#     trivy: [AVD-AWS-0079, AVD-AWS-0080]
#   remediation:
#     console: 'Take a snapshot, copy it with encryption under a KMS key, restore a new instance from the encrypted copy and switch clients to it.'
#     terraform: 'aws_db_instance { storage_encrypted = true, kms_key_id = aws_kms_key.x.arn } (forces a new instance).'
package rampart.aws.rds.encrypted

import data.rampart.lib

deny contains {"msg": sprintf("database %s is not encrypted at rest", [lib.rds_name]), "path": "attributes.storage_encrypted"} if {
	input.attributes.storage_encrypted == false
}

unknown contains {"msg": "storage_encrypted is unknown", "path": "attributes.storage_encrypted"} if {
	not is_boolean(lib.attr("storage_encrypted"))
}
