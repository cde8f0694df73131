package rampart.aws.account.root_mfa_test

import data.rampart.aws.account.root_mfa as c

test_pass_mfa if {
	count(c.deny) == 0 with input as {"attributes": {"root": {"mfa_active": true}}}
	count(c.unknown) == 0 with input as {"attributes": {"root": {"mfa_active": true}}}
}

test_fail_no_mfa if {
	count(c.deny) == 1 with input as {"attributes": {"root": {"mfa_active": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"root": {}}}
	count(c.deny) == 0 with input as {"attributes": {"root": {}}}
}
