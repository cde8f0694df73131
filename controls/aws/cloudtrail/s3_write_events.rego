# METADATA
# title: A multi-region trail logs S3 object-level write events for all buckets
# description: >-
#   CIS 3.8: object-level (data) events record who put, copied or deleted
#   which object; management events do not. The account passes when one
#   trail that records every region and is logging selects write data
#   events of AWS::S3::Object for all buckets (s3_data_events.write, from
#   cloudtrail:GetEventSelectors; a selector narrowed to some buckets does
#   not count). An account without such a trail fails, absence included.
# custom:
#   id: AWS-CT-013
#   severity: medium
#   resource_types: [aws.account]
#   related:
#     trails: {type: aws.cloudtrail.trail, join: account}
#   frameworks:
#     cis-aws-3.0: ["3.8"]
#     iso27001-2022: ["A.8.15"]
#     nist-800-53-r5: ["AU-2", "AU-12"]
#     soc2: ["CC7.2"]
#   equivalents:
#     prowler: [cloudtrail_s3_dataevents_write_enabled]
#     trivy: [AVD-AWS-0171]
#   remediation:
#     console: 'CloudTrail → Trails → the multi-region trail → Data events → Edit → Add data event type S3, log selector template "Log writeonly events" (or all events), for all current and future buckets.'
#     terraform: 'aws_cloudtrail { is_multi_region_trail = true, event_selector { read_write_type = "WriteOnly" (or "All"), data_resource { type = "AWS::S3::Object", values = ["arn:aws:s3"] } } }.'
package rampart.aws.cloudtrail.s3_write_events

import data.rampart.lib

trails := object.get(input, ["related", "trails"], null)

facts := [["is_multi_region_trail"], ["is_logging"], ["s3_data_events", "write"]]

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

deny contains {"msg": sprintf("no multi-region trail of account %s that is logging records S3 object-level write events for all buckets (%d trails)", [lib.label("account_id"), count(trails)]), "path": "related.trails"} if {
	is_array(trails)
	count(trails) > 0
	count(good) == 0
	not undecided
}

unknown contains {"msg": sprintf("whether trail %s is multi-region, logging and records S3 write data events is unknown: %s", [object.get(t, "id", "(unnamed trail)"), object.get(t, ["unknown", "s3_data_events"], "not in the evidence")]), "path": "related.trails"} if {
	count(good) == 0
	some t in trails
	not decided(t)
}

unknown contains {"msg": "the account's trails were not given to the control (input.related.trails)", "path": "related.trails"} if {
	not is_array(trails)
}
