package rampart.aws.cloudtrail.management_events_test

import data.rampart.aws.cloudtrail.management_events as c

trail(id, multi, logging, read, write) := {"type": "aws.cloudtrail.trail", "id": id, "attributes": {"name": id, "is_multi_region_trail": multi, "is_logging": logging, "management_events": {"read": read, "write": write}}}

account(trails) := {"type": "aws.account", "id": "arn:aws:iam::111122223333:root", "attributes": {"account_id": "111122223333"}, "related": {"trails": trails}}

test_pass_one_trail_qualifies if {
	inp := account([trail("writes", true, true, false, true), trail("all", true, true, true, true)])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_no_trail_absence if {
	c.deny == {{"msg": "account 111122223333 has no trail", "path": "related.trails"}} with input as account([])
}

test_fail_writes_only_or_regional if {
	inp := account([trail("writes", true, true, false, true), trail("regional", false, true, true, true), trail("stopped", true, false, true, true)])
	c.deny == {{"msg": "no multi-region trail of account 111122223333 that is logging records all management events (read and write) (3 trails)", "path": "related.trails"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_selectors_of_a_candidate if {
	t := {"id": "all", "attributes": {"is_multi_region_trail": true, "is_logging": true}, "unknown": {"management_events": "AccessDenied (missing permission: cloudtrail:GetEventSelectors)"}}
	inp := account([trail("writes", true, true, false, true), t])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "whether trail all is multi-region, logging and records all management events is unknown: AccessDenied (missing permission: cloudtrail:GetEventSelectors)", "path": "related.trails"}} with input as inp
}

test_unknown_terraform_trail_without_selectors if {
	# Terraform evidence does not map the selectors: not a pass, not a fail
	t := {"id": "root/aws_cloudtrail.main", "attributes": {"is_multi_region_trail": true, "is_logging": true}}
	count(c.deny) == 0 with input as account([t])
	count(c.unknown) == 1 with input as account([t])
}

test_unknown_wrong_types if {
	every t in [trail("t", true, true, "true", true), trail("t", true, true, true, null), trail("t", "true", true, true, true)] {
		count(c.deny) == 0 with input as account([t])
		count(c.unknown) == 1 with input as account([t])
	}
}

test_unknown_without_related if {
	count(c.deny) == 0 with input as {"attributes": {"account_id": "1"}}
	count(c.unknown) == 1 with input as {"attributes": {"account_id": "1"}}
}
