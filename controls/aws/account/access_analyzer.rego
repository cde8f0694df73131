# METADATA
# title: IAM Access Analyzer is active in every region
# description: >-
#   IAM Access Analyzer reports resources (buckets, keys, roles, queues)
#   shared outside the account or organisation; CIS 1.20 asks for an active
#   analyzer of type ACCOUNT or ORGANIZATION in every region, because an
#   analyzer sees only its own region's resources.
# custom:
#   id: AWS-IAM-027
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["1.20"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-3", "AC-6", "CA-7"]
#     soc2: ["CC6.1", "CC6.3"]
#   equivalents:
#     prowler: [accessanalyzer_enabled]
#     trivy: [AVD-AWS-0175]
#   remediation:
#     console: 'IAM → Access analyzer → (each region) → Create analyzer, zone of trust: the account or the organisation.'
#     terraform: 'aws_accessanalyzer_analyzer { analyzer_name, type = "ACCOUNT" } (or ORGANIZATION) in a provider for each region.'
package rampart.aws.account.access_analyzer

import data.rampart.lib

deny contains {"msg": sprintf("IAM Access Analyzer has no active analyzer in %s", [region]), "path": sprintf("attributes.regions.%s.access_analyzer", [region])} if {
	some region, r in input.attributes.regions
	r.access_analyzer.enabled == false
}

unknown contains {"msg": "the account's regions are unknown", "path": "attributes.regions"} if {
	not is_object(lib.attr("regions"))
}

unknown contains {"msg": sprintf("whether IAM Access Analyzer is active in %s is unknown", [region]), "path": sprintf("attributes.regions.%s.access_analyzer", [region])} if {
	some region, r in input.attributes.regions
	is_object(r)
	not is_boolean(object.get(r, ["access_analyzer", "enabled"], null))
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
	some path in lib.region_unknown("access_analyzer")
}
