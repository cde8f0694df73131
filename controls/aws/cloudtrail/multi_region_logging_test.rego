package rampart.aws.cloudtrail.multi_region_logging_test

import data.rampart.aws.cloudtrail.multi_region_logging as c

test_pass if {
	inp := {"attributes": {"name": "t", "is_multi_region_trail": true, "is_logging": true}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_single_region_stopped if {
	count(c.deny) == 2 with input as {"attributes": {"name": "t", "is_multi_region_trail": false, "is_logging": false}}
}

test_unknown_missing if {
	inp := {"attributes": {"name": "t", "is_multi_region_trail": true}}
	count(c.unknown) == 1 with input as inp
	count(c.deny) == 0 with input as inp
}
