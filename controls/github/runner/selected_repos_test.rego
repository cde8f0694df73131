package rampart.github.runner.selected_repos_test

import data.rampart.github.runner.selected_repos as c

org(groups) := {"attributes": {"runner_groups": groups}}

test_pass if {
	count(c.deny) == 0 with input as org([{"name": "ci", "visibility": "selected"}, {"name": "p", "visibility": "private"}])
	count(c.unknown) == 0 with input as org([{"name": "ci", "visibility": "selected"}])
	count(c.deny) == 0 with input as org([])
}

test_fail if {
	c.deny == {{"msg": "runner group Default is available to every repository", "path": "attributes.runner_groups"}} with input as org([{"name": "Default", "visibility": "all"}, {"name": "ci", "visibility": "selected"}])
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as org([{"name": "ci"}])
	count(c.unknown) == 1 with input as org([{"name": "ci", "visibility": "everyone"}])
}

test_nameless_group_still_fails if {
	count(c.deny) == 1 with input as org([{"visibility": "all"}])
}
