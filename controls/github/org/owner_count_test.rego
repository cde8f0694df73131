package rampart.github.org.owner_count_test

import data.rampart.github.org.owner_count as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"owner_count": 2}}
	count(c.deny) == 0 with input as {"attributes": {"owner_count": 3}}
	count(c.unknown) == 0 with input as {"attributes": {"owner_count": 3}}
}

test_fail if {
	c.deny == {{"msg": "the organization has 5 owners; at most 3 are allowed", "path": "attributes.owner_count"}} with input as {"attributes": {"owner_count": 5}}
	count(c.deny) == 1 with input as {"attributes": {"owner_count": 1}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
}
