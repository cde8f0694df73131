# METADATA
# title: Block public access for EBS snapshots is on in every region
# description: >-
#   Block public access for snapshots set to block-all-sharing in a
#   region makes every snapshot there private, including any shared
#   publicly before, and refuses new public sharing: one mistaken
#   permission can no longer publish a disk. block-new-sharing leaves
#   snapshots that are already public as they are, and fails here.
# custom:
#   id: AWS-EC2-014
#   severity: high
#   resource_types: [aws.account]
#   frameworks:
#     iso27001-2022: ["A.8.9", "A.5.15"]
#     nist-800-53-r5: ["CM-6", "AC-3"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [ec2_ebs_snapshot_account_block_public_access]
#   remediation:
#     console: 'EC2 → Settings (Data protection and security) → Block public access for EBS snapshots → Manage → Block all public access, in every region.'
#     terraform: 'aws_ebs_snapshot_block_public_access { state = "block-all-sharing" } for each regional provider.'
package rampart.aws.account.snapshot_block_public_access

import data.rampart.lib

compliant := {"block-all-sharing"}

deny contains {"msg": sprintf("block public access for snapshots is %s in %s", [r.snapshot_block_public_access.state, region]), "path": sprintf("attributes.regions.%s.snapshot_block_public_access", [region])} if {
	some region, r in input.attributes.regions
	is_string(r.snapshot_block_public_access.state)
	not r.snapshot_block_public_access.state in compliant
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

unknown contains {"msg": sprintf("snapshot_block_public_access is unknown in %s", [region]), "path": sprintf("attributes.regions.%s.snapshot_block_public_access", [region])} if {
	some region, r in input.attributes.regions
	is_object(r)
	not is_string(object.get(r, ["snapshot_block_public_access", "state"], null))
}

unknown contains {"msg": sprintf("%s could not be collected", [path]), "path": sprintf("attributes.%s", [path])} if {
	some path in lib.region_unknown("snapshot_block_public_access")
}
