# METADATA
# title: AWS Config records all resources in every region
# description: >-
#   AWS Config keeps the configuration history investigations and audits rely
#   on; it must record all supported resource types and be running in every
#   region.
# custom:
#   id: AWS-CFG-001
#   severity: medium
#   resource_types: [aws.account]
#   frameworks:
#     cis-aws-3.0: ["3.3"]
#     iso27001-2022: ["A.5.16", "A.8.9"]
#     nist-800-53-r5: ["CM-8", "CM-3"]
#     soc2: ["CC7.1"]
#   equivalents:
#     prowler: [config_recorder_all_regions_enabled]
#   remediation:
#     console: 'AWS Config → (each region) → Settings → Recording: all resource types, including global ones → start recording.'
#     terraform: 'aws_config_configuration_recorder with recording_group { all_supported = true } and aws_config_configuration_recorder_status { is_enabled = true } in each region.'
package rampart.aws.account.config_recorder

import data.rampart.lib

deny contains {"msg": sprintf("AWS Config is not recording all resources in %s", [region]), "path": sprintf("attributes.regions.%s.config_recorder", [region])} if {
	some region, r in input.attributes.regions
	is_object(r.config_recorder)
	not recording_all(r.config_recorder)
}

unknown contains {"msg": "the account's regions are unknown", "path": "attributes.regions"} if {
	not is_object(lib.attr("regions"))
}

unknown contains {"msg": sprintf("config_recorder is unknown in %s", [region]), "path": sprintf("attributes.regions.%s.config_recorder", [region])} if {
	some region, r in input.attributes.regions
	is_object(r)
	not is_boolean(object.get(r, ["config_recorder", "configured"], null))
}

recording_all(rec) if {
	rec.configured == true
	rec.recording == true
	rec.all_supported == true
}

unknown contains {"msg": sprintf("the AWS Config recorder state in %s is unknown", [region]), "path": sprintf("attributes.regions.%s.config_recorder", [region])} if {
	some region, r in input.attributes.regions
	r.config_recorder.configured == true
	not all_known(r.config_recorder)
}

all_known(rec) if {
	is_boolean(rec.recording)
	is_boolean(rec.all_supported)
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
	some path in lib.region_unknown("config_recorder")
}
