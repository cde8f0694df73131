package rampart.github.repo.delete_branch_on_merge_test

import data.rampart.github.repo.delete_branch_on_merge as c

repo(v) := {"attributes": {"archived": false, "delete_branch_on_merge": v}}

test_pass if {
	count(c.deny) == 0 with input as repo(true)
	count(c.unknown) == 0 with input as repo(true)
}

test_fail if {
	c.deny == {{"msg": "head branches are kept after their pull request merges", "path": "attributes.delete_branch_on_merge"}} with input as repo(false)
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "delete_branch_on_merge": false}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"archived": false}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false}}
	count(c.unknown) == 1 with input as repo("yes")
	{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": null, "delete_branch_on_merge": true}}
}
