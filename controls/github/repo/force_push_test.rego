package rampart.github.repo.force_push_test

import data.rampart.github.repo.force_push as c

test_pass_blocked if {
	count(c.deny) == 0 with input as {"attributes": {"default_branch_protection": {"protected": true, "allow_force_pushes": false}}}
	count(c.unknown) == 0 with input as {"attributes": {"default_branch_protection": {"protected": true, "allow_force_pushes": false}}}
}

test_fail_allowed if {
	count(c.deny) == 1 with input as {"attributes": {"default_branch_protection": {"protected": true, "allow_force_pushes": true}}}
	count(c.deny) == 1 with input as {"attributes": {"default_branch_protection": {"protected": false}}}
}

test_unknown_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"default_branch_protection": {"protected": true}}}
	count(c.deny) == 0 with input as {"attributes": {"default_branch_protection": {"protected": true}}}
	count(c.unknown) == 1 with input as {"attributes": {}}
}
