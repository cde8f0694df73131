package rampart.aws.account.access_analyzer_test

import data.rampart.aws.account.access_analyzer as c

test_pass_every_region if {
	inp := {"attributes": {"regions": {"eu-west-1": {"access_analyzer": {"enabled": true}}, "us-east-1": {"access_analyzer": {"enabled": true}}}}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_one_region if {
	count(c.deny) == 1 with input as {"attributes": {"regions": {"eu-west-1": {"access_analyzer": {"enabled": true}}, "us-east-1": {"access_analyzer": {"enabled": false}}}}}
}

test_unknown_region if {
	inp := {"attributes": {"regions": {"eu-west-1": {"access_analyzer": {"enabled": true}}, "us-east-1": {}}}}
	count(c.unknown) == 1 with input as inp
	count(c.deny) == 0 with input as inp
}

test_unknown_no_regions if {
	count(c.unknown) == 1 with input as {"attributes": {}}
}

test_unknown_regions_unreadable if {
	every inp in [
		{"attributes": {"regions": {}}},
		{"attributes": {"regions": {"us-east-1": null}}},
		{"attributes": {"regions": {"us-east-1": "x"}}},
		{"attributes": {"regions": {"eu-west-1": {"access_analyzer": {"enabled": true}}}}, "unknown": {"regions.us-east-1": "AccessDenied"}},
		{"attributes": {"regions": {"eu-west-1": {"access_analyzer": {"enabled": true}}}}, "unknown": {"regions.us-east-1.access_analyzer": "AccessDenied"}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
	count(c.unknown) == 0 with input as {"attributes": {"regions": {"eu-west-1": {"access_analyzer": {"enabled": true}}}}, "unknown": {"regions.eu-west-1.other_setting": "AccessDenied"}}
}
