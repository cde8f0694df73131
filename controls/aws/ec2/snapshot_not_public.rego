# METADATA
# title: EBS snapshots are not public
# description: >-
#   A snapshot whose createVolumePermission grants the group all can be
#   copied into any AWS account, with every file the volume held.
#   Snapshots are shared with named accounts, never with everyone.
# custom:
#   id: AWS-EC2-011
#   severity: critical
#   resource_types: [aws.ec2.snapshot]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-21"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [ec2_ebs_public_snapshot]
#   remediation:
#     console: 'EC2 → Snapshots → the snapshot → Actions → Snapshot settings → Modify permissions → Private; turn on Block public access for snapshots in every region.'
#     terraform: 'Remove the aws_snapshot_create_volume_permission that grants group = "all" (or account_id = "all"); add aws_ebs_snapshot_block_public_access { state = "block-all-sharing" }.'
package rampart.aws.ec2.snapshot_not_public

import data.rampart.lib

deny contains {"msg": sprintf("snapshot %s is public: any AWS account can create a volume from it", [lib.label("snapshot_id")]), "path": "attributes.public"} if {
	input.attributes.public == true
}

unknown contains {"msg": "public is unknown", "path": "attributes.public"} if {
	not is_boolean(lib.attr("public"))
}
