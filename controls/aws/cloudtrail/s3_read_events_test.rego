package rampart.aws.cloudtrail.s3_read_events_test

import data.rampart.aws.cloudtrail.s3_read_events as c

trail(id, multi, logging, write) := {"type": "aws.cloudtrail.trail", "id": id, "attributes": {"name": id, "is_multi_region_trail": multi, "is_logging": logging, "s3_data_events": {"read": write, "write": false}}}

account(trails) := {"type": "aws.account", "id": "arn:aws:iam::111122223333:root", "attributes": {"account_id": "111122223333"}, "related": {"trails": trails}}

test_pass_one_trail_qualifies if {
	inp := account([trail("regional", false, true, true), trail("all", true, true, true)])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_no_trail_absence if {
	c.deny == {{"msg": "account 111122223333 has no trail", "path": "related.trails"}} with input as account([])
}

test_fail_no_trail_qualifies if {
	inp := account([trail("regional", false, true, true), trail("stopped", true, false, true), trail("mgmt", true, true, false)])
	c.deny == {{"msg": "no multi-region trail of account 111122223333 that is logging records S3 object-level read events for all buckets (3 trails)", "path": "related.trails"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_ruled_out_trail_with_unknown_selectors if {
	# a single-region trail cannot qualify, whatever its selectors
	t := {"id": "regional", "attributes": {"is_multi_region_trail": false, "is_logging": true}, "unknown": {"s3_data_events": "AccessDenied (missing permission: cloudtrail:GetEventSelectors)"}}
	count(c.deny) == 1 with input as account([t])
	count(c.unknown) == 0 with input as account([t])
}

test_unknown_selectors_of_a_candidate if {
	t := {"id": "all", "attributes": {"is_multi_region_trail": true, "is_logging": true}, "unknown": {"s3_data_events": "AccessDenied (missing permission: cloudtrail:GetEventSelectors)"}}
	inp := account([trail("mgmt", true, true, false), t])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "whether trail all is multi-region, logging and records S3 read data events is unknown: AccessDenied (missing permission: cloudtrail:GetEventSelectors)", "path": "related.trails"}} with input as inp
}

test_unknown_wrong_types if {
	every t in [trail("t", true, true, "true"), trail("t", "true", true, true), trail("t", true, null, true), {"id": "t", "attributes": {"is_multi_region_trail": true, "is_logging": true, "s3_data_events": null}}] {
		count(c.deny) == 0 with input as account([t])
		count(c.unknown) == 1 with input as account([t])
	}
}

test_unknown_without_related if {
	count(c.deny) == 0 with input as {"attributes": {"account_id": "1"}}
	count(c.unknown) == 1 with input as {"attributes": {"account_id": "1"}}
}
