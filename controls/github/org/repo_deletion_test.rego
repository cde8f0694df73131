package rampart.github.org.repo_deletion_test

import data.rampart.github.org.repo_deletion as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"members_can_delete_repositories": false}}
	count(c.unknown) == 0 with input as {"attributes": {"members_can_delete_repositories": false}}
}

test_fail if {
	c.deny == {{"msg": "repository admins may delete or transfer repositories", "path": "attributes.members_can_delete_repositories"}} with input as {"attributes": {"members_can_delete_repositories": true}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {"members_can_delete_repositories": "yes"}}
	count(c.unknown) == 1 with input as {"attributes": {"members_can_delete_repositories": null}}
}
