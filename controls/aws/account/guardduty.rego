# METADATA
# title: GuardDuty is enabled in every region
# description: >-
#   GuardDuty detects credential misuse, crypto-mining and reconnaissance from
#   CloudTrail, VPC flow and DNS logs; a region without a detector is a blind
#   spot attackers use.
# custom:
#   id: AWS-GD-001
#   severity: high
#   resource_types: [aws.account]
#   frameworks:
#     iso27001-2022: ["A.5.25", "A.8.16"]
#     nist-800-53-r5: ["SI-4", "RA-5"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [guardduty_is_enabled]
#   remediation:
#     console: 'GuardDuty → (each region) → Get started → Enable GuardDuty (or enable it organisation-wide from the delegated administrator).'
#     terraform: 'aws_guardduty_detector { enable = true } in a provider for each region (or aws_guardduty_organization_configuration).'
package rampart.aws.account.guardduty

import data.rampart.lib

deny contains {"msg": sprintf("GuardDuty is not enabled in %s", [region]), "path": sprintf("attributes.regions.%s.guardduty", [region])} if {
	some region, r in input.attributes.regions
	r.guardduty.enabled == false
}

unknown contains {"msg": "the account's regions are unknown", "path": "attributes.regions"} if {
	not is_object(lib.attr("regions"))
}

unknown contains {"msg": sprintf("guardduty is unknown in %s", [region]), "path": sprintf("attributes.regions.%s.guardduty", [region])} if {
	some region, r in input.attributes.regions
	is_object(r)
	not is_boolean(object.get(r, ["guardduty", "enabled"], null))
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
	some path in lib.region_unknown("guardduty")
}
