package rampart.github.org.allowed_actions_test

import data.rampart.github.org.allowed_actions as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"actions": {"allowed_actions": "selected"}}}
	count(c.deny) == 0 with input as {"attributes": {"actions": {"allowed_actions": "local_only"}}}
	count(c.unknown) == 0 with input as {"attributes": {"actions": {"allowed_actions": "selected"}}}
}

test_fail if {
	count(c.deny) == 1 with input as {"attributes": {"actions": {"allowed_actions": "all"}}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
}
