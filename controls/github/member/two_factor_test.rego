package rampart.github.member.two_factor_test

import data.rampart.github.member.two_factor as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"login": "a", "role": "member", "two_factor_disabled": false}}
	count(c.unknown) == 0 with input as {"attributes": {"login": "a", "role": "member", "two_factor_disabled": false}}
}

test_fail if {
	c.deny == {{"msg": "outside_collaborator \"x\" has two-factor authentication disabled", "path": "attributes.two_factor_disabled"}} with input as {"attributes": {"login": "x", "role": "outside_collaborator", "two_factor_disabled": true}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"login": "a"}}
	count(c.deny) == 0 with input as {"attributes": {"login": "a"}}
}
