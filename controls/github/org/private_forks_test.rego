package rampart.github.org.private_forks_test

import data.rampart.github.org.private_forks as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"members_can_fork_private_repositories": false}}
	count(c.unknown) == 0 with input as {"attributes": {"members_can_fork_private_repositories": false}}
}

test_fail if {
	c.deny == {{"msg": "members may fork private and internal repositories", "path": "attributes.members_can_fork_private_repositories"}} with input as {"attributes": {"members_can_fork_private_repositories": true}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {"members_can_fork_private_repositories": "yes"}}
	count(c.unknown) == 1 with input as {"attributes": {"members_can_fork_private_repositories": null}}
}
