package rampart.github.repo.status_checks_test

import data.rampart.github.repo.status_checks as c

repo(p) := {"attributes": {"default_branch": "main", "archived": false, "default_branch_protection": p}}

test_pass if {
	count(c.deny) == 0 with input as repo({"protected": true, "required_status_checks_enabled": true})
	count(c.unknown) == 0 with input as repo({"protected": true, "required_status_checks_enabled": true})
}

test_fail if {
	c.deny == {{"msg": "no status check is required before merging to the default branch", "path": "attributes.default_branch_protection.required_status_checks_enabled"}} with input as repo({"protected": true, "required_status_checks_enabled": false})
	count(c.deny) == 1 with input as repo({"protected": false})
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as repo({"protected": true})
	count(c.unknown) == 1 with input as repo({"protected": true})
	count(c.unknown) == 1 with input as {"attributes": {"default_branch": "main"}}
	count(c.deny) == 0 with input as {"attributes": {"default_branch": "main"}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "default_branch_protection": {"protected": false}}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}
