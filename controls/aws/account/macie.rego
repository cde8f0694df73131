# METADATA
# title: Amazon Macie is enabled in every region
# description: >-
#   CIS 2.1.3 asks that the data in S3 is discovered and classified;
#   Macie does it for the buckets of its region, so a region without an
#   enabled Macie session is one whose sensitive data nobody inventories.
#   Another tool may do the job: then waive this control with the reason.
# custom:
#   id: AWS-MACIE-001
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["2.1.3"]
#     iso27001-2022: ["A.5.12", "A.5.9"]
#     nist-800-53-r5: ["RA-2", "CM-8", "SI-4"]
#     soc2: ["CC6.1"]
#   equivalents:
#     prowler: [macie_is_enabled]
#   remediation:
#     console: 'Macie → (each region) → Get started → Enable Macie (or from the delegated administrator for the organisation), then create a sensitive-data discovery job.'
#     terraform: 'aws_macie2_account { status = "ENABLED" } in a provider for each region.'
package rampart.aws.account.macie

import data.rampart.lib

deny contains {"msg": sprintf("Macie is not enabled in %s", [region]), "path": sprintf("attributes.regions.%s.macie", [region])} if {
	some region, r in input.attributes.regions
	r.macie.enabled == false
}

unknown contains {"msg": "the account's regions are unknown", "path": "attributes.regions"} if {
	not is_object(lib.attr("regions"))
}

unknown contains {"msg": sprintf("whether Macie is enabled in %s is unknown", [region]), "path": sprintf("attributes.regions.%s.macie", [region])} if {
	some region, r in input.attributes.regions
	is_object(r)
	not is_boolean(object.get(r, ["macie", "enabled"], null))
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
	some path in lib.region_unknown("macie")
}
