# METADATA
# title: EBS volumes are encrypted
# description: >-
#   An unencrypted volume exposes its data in snapshots shared or copied out
#   of the account and on the underlying storage.
# custom:
#   id: AWS-EC2-004
#   severity: medium
#   resource_types: [aws.ec2.volume]
#   frameworks:
#     cis-aws-3.0: ["2.2.1"]
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     soc2: ["CC6.1", "CC6.7"]
#   equivalents:
#     prowler: [ec2_ebs_volume_encryption]
#     trivy: [AVD-AWS-0026]
#   remediation:
#     console: 'Create an encrypted snapshot copy of the volume, restore it as a new encrypted volume, swap it in, and turn on EBS encryption by default.'
#     terraform: 'aws_ebs_volume { encrypted = true } (and aws_instance root_block_device { encrypted = true }).'
package rampart.aws.ec2.volume_encrypted

import data.rampart.lib

deny contains {"msg": sprintf("volume %s is not encrypted", [lib.label("volume_id")]), "path": "attributes.encrypted"} if {
	input.attributes.encrypted == false
}

unknown contains {"msg": "encrypted is unknown", "path": "attributes.encrypted"} if {
	not is_boolean(lib.attr("encrypted"))
}
