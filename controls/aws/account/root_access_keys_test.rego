package rampart.aws.account.root_access_keys_test

import data.rampart.aws.account.root_access_keys as c

test_pass_no_keys if {
	inp := {"attributes": {"root": {"access_keys_active": 0, "mfa_active": true}}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_active_key if {
	count(c.deny) == 1 with input as {"attributes": {"root": {"access_keys_active": 1}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
}
