# METADATA
# title: Block public access for AMIs is on in every region
# description: >-
#   Block public access for AMIs (block-new-sharing) in a region refuses
#   to make any AMI of the account public there; AMIs already public stay
#   so (AWS-EC2-013 finds them).
# custom:
#   id: AWS-EC2-015
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     iso27001-2022: ["A.8.9", "A.5.15"]
#     nist-800-53-r5: ["CM-6", "AC-3"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [ec2_ami_account_block_public_access]
#   remediation:
#     console: 'EC2 → Settings (Data protection and security) → Block public access for AMIs → Manage → Block new public sharing, in every region.'
#     terraform: 'aws_ec2_image_block_public_access { state = "block-new-sharing" } for each regional provider.'
package rampart.aws.account.image_block_public_access

import data.rampart.lib

compliant := {"block-new-sharing"}

deny contains {"msg": sprintf("block public access for AMIs is %s in %s", [r.image_block_public_access.state, region]), "path": sprintf("attributes.regions.%s.image_block_public_access", [region])} if {
	some region, r in input.attributes.regions
	is_string(r.image_block_public_access.state)
	not r.image_block_public_access.state in compliant
}

unknown contains {"msg": "the account's regions are unknown", "path": "attributes.regions"} if {
	not is_object(lib.attr("regions"))
}

unknown contains {"msg": "no region of the account was collected", "path": "attributes.regions"} if {
	lib.attr("regions") == {}
}

unknown contains {"msg": sprintf("the settings of region %s are unreadable", [region]), "path": sprintf("attributes.regions.%s", [region])} if {
	some region, r in input.attributes.regions
	not is_object(r)
}

unknown contains {"msg": sprintf("image_block_public_access is unknown in %s", [region]), "path": sprintf("attributes.regions.%s.image_block_public_access", [region])} if {
	some region, r in input.attributes.regions
	is_object(r)
	not is_string(object.get(r, ["image_block_public_access", "state"], null))
}

unknown contains {"msg": sprintf("%s could not be collected", [path]), "path": sprintf("attributes.%s", [path])} if {
	some path in lib.region_unknown("image_block_public_access")
}
