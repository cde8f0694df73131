# METADATA
# title: The account's instance metadata default requires IMDSv2 in every region
# description: >-
#   The account-level instance metadata default (http_tokens required)
#   makes IMDSv2 the default for every instance launched in the region
#   without its own metadata options, whatever its AMI says.
#   no-preference leaves new instances to the AMI, and optional allows
#   IMDSv1.
# custom:
#   id: AWS-EC2-016
#   severity: high
#   resource_types: [aws.account]
#   frameworks:
#     iso27001-2022: ["A.8.9", "A.5.15"]
#     nist-800-53-r5: ["CM-6", "AC-3"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [ec2_instance_account_imdsv2_enabled]
#   remediation:
#     console: 'EC2 → Dashboard → Account attributes → Data protection and security → IMDS defaults → Manage → Metadata version: V2 only (token required), in every region.'
#     terraform: 'aws_ec2_instance_metadata_defaults { http_tokens = "required" } for each regional provider.'
package rampart.aws.account.imds_defaults

import data.rampart.lib

compliant := {"required"}

deny contains {"msg": sprintf("the instance metadata default for http_tokens is %s in %s", [r.instance_metadata_defaults.http_tokens, region]), "path": sprintf("attributes.regions.%s.instance_metadata_defaults", [region])} if {
	some region, r in input.attributes.regions
	is_string(r.instance_metadata_defaults.http_tokens)
	not r.instance_metadata_defaults.http_tokens in compliant
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

unknown contains {"msg": sprintf("instance_metadata_defaults is unknown in %s", [region]), "path": sprintf("attributes.regions.%s.instance_metadata_defaults", [region])} if {
	some region, r in input.attributes.regions
	is_object(r)
	not is_string(object.get(r, ["instance_metadata_defaults", "http_tokens"], null))
}

unknown contains {"msg": sprintf("%s could not be collected", [path]), "path": sprintf("attributes.%s", [path])} if {
	some path in lib.region_unknown("instance_metadata_defaults")
}
