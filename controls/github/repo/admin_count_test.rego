package rampart.github.repo.admin_count_test

import data.rampart.github.repo.admin_count as c

repo(admins) := {"attributes": {"admins": admins, "admin_teams": ["platform"]}}

test_three_pass if {
	count(c.deny) == 0 with input as repo(["alice", "bob", "carol"])
	count(c.unknown) == 0 with input as repo(["alice", "bob", "carol"])
	count(c.deny) == 0 with input as repo([])
}

test_four_fail if {
	c.deny == {{"msg": "the repository has 4 administrators (alice, contractor, dev001, dev002); at most 3 are allowed", "path": "attributes.admins"}} with input as repo(["alice", "contractor", "dev001", "dev002"])
}

test_unknown if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as repo("alice")
}
