package rampart.aws.cloudtrail.account_trail_test

import data.rampart.aws.cloudtrail.account_trail as c

trail(id, multi, logging) := {"type": "aws.cloudtrail.trail", "id": id, "attributes": {"name": id, "is_multi_region_trail": multi, "is_logging": logging}}

account(trails) := {"type": "aws.account", "id": "arn:aws:iam::111122223333:root", "attributes": {"account_id": "111122223333"}, "related": {"trails": trails}}

test_pass_one_good_trail_among_others if {
	inp := account([trail("regional", false, true), trail("all", true, true)])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_no_trail_absence if {
	inp := account([])
	c.deny == {{"msg": "account 111122223333 has no trail", "path": "related.trails"}} with input as inp
}

test_fail_no_trail_qualifies if {
	inp := account([trail("regional", false, true), trail("stopped", true, false)])
	c.deny == {{"msg": "account 111122223333 has no multi-region trail that is logging (2 trails)", "path": "related.trails"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_trail_that_might_qualify if {
	undecided := {"type": "aws.cloudtrail.trail", "id": "t", "attributes": {"is_multi_region_trail": true}, "unknown": {"is_logging": "403"}}
	inp := account([trail("regional", false, true), undecided])
	count(c.deny) == 0 with input as inp
	c.unknown == {{"msg": "whether trail t is multi-region and logging is unknown", "path": "related.trails"}} with input as inp
}

test_unknown_wrong_type_is_not_false if {
	inp := account([trail("t", "true", true)])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}

test_good_trail_wins_over_undecided if {
	inp := account([trail("all", true, true), {"id": "t", "attributes": {}}])
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_unknown_without_related if {
	inp := {"attributes": {"account_id": "1"}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 1 with input as inp
}
