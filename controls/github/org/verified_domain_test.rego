package rampart.github.org.verified_domain_test

import data.rampart.github.org.verified_domain as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"is_verified": true}}
	count(c.unknown) == 0 with input as {"attributes": {"is_verified": true}}
}

test_fail if {
	c.deny == {{"msg": "the organization has no verified domain", "path": "attributes.is_verified"}} with input as {"attributes": {"is_verified": false}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {"is_verified": "yes"}}
	count(c.unknown) == 1 with input as {"attributes": {"is_verified": null}}
}
