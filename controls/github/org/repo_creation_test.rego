package rampart.github.org.repo_creation_test

import data.rampart.github.org.repo_creation as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"members_can_create_repositories": false}}
	count(c.unknown) == 0 with input as {"attributes": {"members_can_create_repositories": false}}
}

test_fail if {
	c.deny == {{"msg": "members may create repositories", "path": "attributes.members_can_create_repositories"}} with input as {"attributes": {"members_can_create_repositories": true}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {"members_can_create_repositories": "yes"}}
	count(c.unknown) == 1 with input as {"attributes": {"members_can_create_repositories": null}}
}
