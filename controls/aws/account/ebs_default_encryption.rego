# METADATA
# title: EBS encryption by default is on in every region
# description: >-
#   With encryption by default every new EBS volume and snapshot copy is
#   encrypted, whoever creates it and however.
# custom:
#   id: AWS-EC2-003
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["2.2.1"]
#     iso27001-2022: ["A.8.24"]
#     nist-800-53-r5: ["SC-28", "SC-28(1)"]
#     soc2: ["CC6.1", "CC6.7"]
#   equivalents:
#     prowler: [ec2_ebs_default_encryption]
#   remediation:
#     console: 'EC2 → (each region) → Settings → Data protection and security → EBS encryption → Manage → Always encrypt new EBS volumes.'
#     terraform: 'aws_ebs_encryption_by_default { enabled = true } in a provider for each region.'
package rampart.aws.account.ebs_default_encryption

import data.rampart.lib

deny contains {"msg": sprintf("EBS encryption by default is off in %s", [region]), "path": sprintf("attributes.regions.%s.ebs_encryption_by_default", [region])} if {
	some region, r in input.attributes.regions
	r.ebs_encryption_by_default == false
}

unknown contains {"msg": "the account's regions are unknown", "path": "attributes.regions"} if {
	not is_object(lib.attr("regions"))
}

unknown contains {"msg": sprintf("ebs_encryption_by_default is unknown in %s", [region]), "path": sprintf("attributes.regions.%s.ebs_encryption_by_default", [region])} if {
	some region, r in input.attributes.regions
	is_object(r)
	not is_boolean(object.get(r, "ebs_encryption_by_default", null))
}

# Every account has regions: an empty map means none was read, not that
# none needs checking.
unknown contains {"msg": "no region of the account was collected", "path": "attributes.regions"} if {
	lib.attr("regions") == {}
}

unknown contains {"msg": sprintf("the settings of region %s are unreadable", [region]), "path": sprintf("attributes.regions.%s", [region])} if {
	some region, r in input.attributes.regions
	not is_object(r)
}

# A region the collector could not read is left out of the map and named
# in unknown; it must not read as a region without findings.
unknown contains {"msg": sprintf("%s could not be collected", [path]), "path": sprintf("attributes.%s", [path])} if {
	some path in lib.region_unknown("ebs_encryption_by_default")
}
