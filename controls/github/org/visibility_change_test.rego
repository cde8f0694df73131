package rampart.github.org.visibility_change_test

import data.rampart.github.org.visibility_change as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"members_can_change_repo_visibility": false}}
	count(c.unknown) == 0 with input as {"attributes": {"members_can_change_repo_visibility": false}}
}

test_fail if {
	c.deny == {{"msg": "repository admins may change repository visibility", "path": "attributes.members_can_change_repo_visibility"}} with input as {"attributes": {"members_can_change_repo_visibility": true}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {"members_can_change_repo_visibility": "yes"}}
	count(c.unknown) == 1 with input as {"attributes": {"members_can_change_repo_visibility": null}}
}
