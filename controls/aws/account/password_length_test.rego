package rampart.aws.account.password_length_test

import data.rampart.aws.account.password_length as c

test_pass_strict if {
	inp := {"attributes": {"password_policy": {"configured": true, "minimum_password_length": 14}}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_weak if {
	count(c.deny) == 1 with input as {"attributes": {"password_policy": {"configured": true, "minimum_password_length": 13}}}
}

test_fail_no_policy if {
	count(c.deny) == 1 with input as {"attributes": {"password_policy": {"configured": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"password_policy": {"configured": true}}}
	count(c.deny) == 0 with input as {"attributes": {"password_policy": {"configured": true}}}
}
