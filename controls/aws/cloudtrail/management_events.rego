# METADATA
# title: A multi-region trail records all management events, reads and writes
# description: >-
#   CIS 3.1 asks for a multi-region trail that records management events of
#   both kinds: a trail whose selectors record only writes (or exclude an
#   event source such as KMS or RDS Data API) misses who listed, described
#   or read the account's configuration. AWS-CT-010 checks that a
#   multi-region trail is logging; this control checks what it records
#   (management_events.read and .write, from cloudtrail:GetEventSelectors,
#   counting only selectors that exclude no event source).
# custom:
#   id: AWS-CT-015
#   severity: medium
#   resource_types: [aws.account]
#   related:
#     trails: {type: aws.cloudtrail.trail, join: account}
#   frameworks:
#     cis-aws-3.0: ["3.1"]
#     iso27001-2022: ["A.8.15", "A.8.16"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [cloudtrail_multi_region_enabled_logging_management_events]
#   remediation:
#     console: 'CloudTrail → Trails → the multi-region trail → Management events → Edit → API activity: Read and Write, no excluded event sources.'
#     terraform: 'aws_cloudtrail { is_multi_region_trail = true, event_selector { read_write_type = "All", include_management_events = true } } (and no exclude_management_event_sources).'
package rampart.aws.cloudtrail.management_events

import data.rampart.lib

trails := object.get(input, ["related", "trails"], null)

facts := [["is_multi_region_trail"], ["is_logging"], ["management_events", "read"], ["management_events", "write"]]

# qualifies: every fact is known true.
qualifies(t) if {
	every f in facts {
		object.get(t, array.concat(["attributes"], f), null) == true
	}
}

# ruled_out: some fact is known false, so the unknown others do not matter.
ruled_out(t) if {
	some f in facts
	object.get(t, array.concat(["attributes"], f), null) == false
}

decided(t) if qualifies(t)

decided(t) if ruled_out(t)

good := [t | some t in trails; qualifies(t)]

undecided if {
	some t in trails
	not decided(t)
}

deny contains {"msg": sprintf("account %s has no trail", [lib.label("account_id")]), "path": "related.trails"} if {
	is_array(trails)
	count(trails) == 0
}

deny contains {"msg": sprintf("no multi-region trail of account %s that is logging records all management events (read and write) (%d trails)", [lib.label("account_id"), count(trails)]), "path": "related.trails"} if {
	is_array(trails)
	count(trails) > 0
	count(good) == 0
	not undecided
}

unknown contains {"msg": sprintf("whether trail %s is multi-region, logging and records all management events is unknown: %s", [object.get(t, "id", "(unnamed trail)"), object.get(t, ["unknown", "management_events"], "not in the evidence")]), "path": "related.trails"} if {
	count(good) == 0
	some t in trails
	not decided(t)
}

unknown contains {"msg": "the account's trails were not given to the control (input.related.trails)", "path": "related.trails"} if {
	not is_array(trails)
}
