package rampart.github.repo.force_push_test

import data.rampart.github.repo.force_push as c

test_pass_blocked if {
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": true, "allow_force_pushes": false}}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": true, "allow_force_pushes": false}}}
}

test_fail_allowed if {
	count(c.deny) == 1 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": true, "allow_force_pushes": true}}}
	count(c.deny) == 1 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": true}}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "default_branch_protection": {"protected": true}}}
	count(c.unknown) == 1 with input as {"attributes": {"archived": false}}
}

# A null, "false" or 0 archived flag must neither exempt the repository nor
# be ignored: the control cannot tell whether it applies.
test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": v}}
	}
	count(c.unknown) == 0 with input as json.patch({"attributes": {}}, [{"op": "add", "path": "/attributes/archived", "value": true}])
}
