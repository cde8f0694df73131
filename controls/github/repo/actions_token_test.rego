package rampart.github.repo.actions_token_test

import data.rampart.github.repo.actions_token as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"actions": {"default_workflow_permissions": "read"}}}
	count(c.unknown) == 0 with input as {"attributes": {"actions": {"default_workflow_permissions": "read"}}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"actions": {"default_workflow_permissions": "write"}}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"actions": {"default_workflow_permissions": "admin"}}}
}
