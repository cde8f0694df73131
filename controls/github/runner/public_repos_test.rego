package rampart.github.runner.public_repos_test

import data.rampart.github.runner.public_repos as c

org(groups) := {"attributes": {"runner_groups": groups}}

test_pass if {
	count(c.deny) == 0 with input as org([{"name": "Default", "allows_public_repositories": false}])
	count(c.unknown) == 0 with input as org([{"name": "Default", "allows_public_repositories": false}])
	count(c.deny) == 0 with input as org([])
}

test_fail if {
	c.deny == {{"msg": "runner group ci is available to public repositories", "path": "attributes.runner_groups"}} with input as org([{"name": "Default", "allows_public_repositories": false}, {"name": "ci", "allows_public_repositories": true}])
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as org([{"name": "ci"}])
	count(c.unknown) == 1 with input as org([{"name": "ci", "allows_public_repositories": "no"}])
}

test_nameless_group_still_fails if {
	count(c.deny) == 1 with input as org([{"allows_public_repositories": true}])
}
