package rampart.aws.account.security_contact_test

import data.rampart.aws.account.security_contact as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"security_contact": {"configured": true}}}
	count(c.unknown) == 0 with input as {"attributes": {"security_contact": {"configured": true}}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"security_contact": {"configured": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
}
