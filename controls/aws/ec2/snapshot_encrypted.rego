# METADATA
# title: EBS snapshots are encrypted
# description: >-
#   A snapshot of an unencrypted volume is unencrypted: anyone it is
#   shared with, or who copies it, reads the data in the clear. Encrypted
#   volumes give encrypted snapshots.
# custom:
#   id: AWS-EC2-012
#   severity: high
#   resource_types: [aws.ec2.snapshot]
#   frameworks:
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     soc2: ["CC6.1", "CC6.7"]
#   equivalents:
#     prowler: [ec2_ebs_snapshots_encrypted]
#   remediation:
#     console: 'Copy the snapshot with encryption under a KMS key (EC2 → Snapshots → Actions → Copy snapshot → Encrypt), delete the unencrypted one, and turn on EBS encryption by default.'
#     terraform: 'aws_ebs_snapshot_copy { encrypted = true, kms_key_id = aws_kms_key.x.arn } of the snapshot; aws_ebs_encryption_by_default { enabled = true } so new volumes (and their snapshots) are encrypted.'
package rampart.aws.ec2.snapshot_encrypted

import data.rampart.lib

deny contains {"msg": sprintf("snapshot %s is not encrypted", [lib.label("snapshot_id")]), "path": "attributes.encrypted"} if {
	input.attributes.encrypted == false
}

unknown contains {"msg": "encrypted is unknown", "path": "attributes.encrypted"} if {
	not is_boolean(lib.attr("encrypted"))
}
