package rampart.github.repo.up_to_date_test

import data.rampart.github.repo.up_to_date as c

repo(p) := {"attributes": {"archived": false, "default_branch": "main", "default_branch_protection": p}}

test_pass if {
	count(c.deny) == 0 with input as repo({"protected": true, "required_status_checks_strict": true})
	count(c.unknown) == 0 with input as repo({"protected": true, "required_status_checks_strict": true})
}

test_fail if {
	c.deny == {{"msg": "pull requests can merge without being up to date with the default branch", "path": "attributes.default_branch_protection.required_status_checks_strict"}} with input as repo({"protected": true, "required_status_checks_strict": false})
	c.deny == {{"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"}} with input as repo({"protected": false})
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as repo({"protected": true})
	c.unknown == {{"msg": "default_branch_protection.required_status_checks_strict is unknown", "path": "attributes.default_branch_protection.required_status_checks_strict"}} with input as repo({"protected": true, "required_status_checks_strict": "yes"})
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "default_branch": "main"}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "default_branch": "main"}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "default_branch_protection": {"protected": true, "required_status_checks_strict": false}}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": v}}
	}
}
