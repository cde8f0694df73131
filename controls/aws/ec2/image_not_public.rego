# METADATA
# title: AMIs of the account are not public
# description: >-
#   A public AMI can be launched by any AWS account, with the software,
#   configuration and any credential baked into it. Images are shared
#   with named accounts or the organisation, never with everyone.
# custom:
#   id: AWS-EC2-013
#   severity: critical
#   resource_types: [aws.ec2.image]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.3"]
#     nist-800-53-r5: ["AC-3", "AC-21"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [ec2_ami_public]
#   remediation:
#     console: 'EC2 → AMIs → the image → Actions → Edit AMI permissions → Private; turn on Block public access for AMIs in every region.'
#     terraform: 'Remove the aws_ami_launch_permission with group = "all"; add aws_ec2_image_block_public_access { state = "block-new-sharing" }.'
package rampart.aws.ec2.image_not_public

import data.rampart.lib

deny contains {"msg": sprintf("AMI %s is public", [lib.label("image_id")]), "path": "attributes.public"} if {
	input.attributes.public == true
}

unknown contains {"msg": "public is unknown", "path": "attributes.public"} if {
	not is_boolean(lib.attr("public"))
}
