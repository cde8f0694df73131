package rampart.github.repo.linear_history_test

import data.rampart.github.repo.linear_history as c

repo(p) := {"attributes": {"archived": false, "default_branch": "main", "archived": false, "default_branch_protection": p}}

test_pass if {
	count(c.deny) == 0 with input as repo({"protected": true, "required_linear_history": true})
	count(c.unknown) == 0 with input as repo({"protected": true, "required_linear_history": true})
}

test_fail if {
	c.deny == {{"msg": "the default branch accepts merge commits (linear history not required)", "path": "attributes.default_branch_protection.required_linear_history"}} with input as repo({"protected": true, "required_linear_history": false})
	count(c.deny) == 1 with input as repo({"protected": false})
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as repo({"protected": true})
	count(c.unknown) == 1 with input as repo({"protected": true})
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "default_branch": "main"}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "default_branch": "main"}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "default_branch_protection": {"protected": false}}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

# A null, "false" or 0 archived flag must neither exempt the repository nor
# be ignored: the control cannot tell whether it applies.
test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": v}}
	}
	count(c.unknown) == 0 with input as json.patch({"attributes": {}}, [{"op": "add", "path": "/attributes/archived", "value": true}])
}
