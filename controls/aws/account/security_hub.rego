# METADATA
# title: AWS Security Hub is enabled in every region
# description: >-
#   Security Hub gathers the findings of GuardDuty, Inspector, Macie and
#   Config rules per region and checks the account against the security
#   standards; CIS 4.16 asks for it to be enabled, and a region without
#   it has no central view of its findings.
# custom:
#   id: AWS-SH-001
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["4.16"]
#     iso27001-2022: ["A.5.25", "A.8.16"]
#     nist-800-53-r5: ["SI-4", "CA-7"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [securityhub_enabled]
#   remediation:
#     console: 'Security Hub → (each region) → Go to Security Hub → Enable Security Hub (or central configuration from the delegated administrator).'
#     terraform: 'aws_securityhub_account {} in a provider for each region (or aws_securityhub_organization_configuration).'
package rampart.aws.account.security_hub

import data.rampart.lib

deny contains {"msg": sprintf("Security Hub is not enabled in %s", [region]), "path": sprintf("attributes.regions.%s.security_hub", [region])} if {
	some region, r in input.attributes.regions
	r.security_hub.enabled == false
}

unknown contains {"msg": "the account's regions are unknown", "path": "attributes.regions"} if {
	not is_object(lib.attr("regions"))
}

unknown contains {"msg": sprintf("whether Security Hub is enabled in %s is unknown", [region]), "path": sprintf("attributes.regions.%s.security_hub", [region])} if {
	some region, r in input.attributes.regions
	is_object(r)
	not is_boolean(object.get(r, ["security_hub", "enabled"], null))
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
	some path in lib.region_unknown("security_hub")
}
