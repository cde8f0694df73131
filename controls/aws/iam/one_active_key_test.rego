package rampart.aws.iam.one_active_key_test

import data.rampart.aws.iam.one_active_key as c

test_pass_one_active if {
	inp := {"attributes": {"access_keys": [{"status": "Active"}, {"status": "Inactive"}]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_two_active if {
	count(c.deny) == 1 with input as {"attributes": {"access_keys": [{"status": "Active"}, {"status": "Active"}]}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"access_keys": [{"access_key_id": "AKIA1"}]}}
	count(c.deny) == 0 with input as {"attributes": {}}
}
