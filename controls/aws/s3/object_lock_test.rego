package rampart.aws.s3.object_lock_test

import data.rampart.aws.s3.object_lock as c

test_pass if {
	inp := {"attributes": {"name": "b", "object_lock": {"enabled": true, "default_mode": "COMPLIANCE", "default_retention_days": 365}}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"name": "b", "object_lock": {"enabled": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"name": "b"}}
	count(c.unknown) == 1 with input as {"attributes": {"name": "b", "object_lock": {}}}
	count(c.deny) == 0 with input as {"attributes": {"name": "b"}}
}
