package rampart.github.org.actions_approve_test

import data.rampart.github.org.actions_approve as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"actions": {"can_approve_pull_request_reviews": false}}}
	count(c.unknown) == 0 with input as {"attributes": {"actions": {"can_approve_pull_request_reviews": false}}}
}

test_fail if {
	c.deny == {{"msg": "GitHub Actions may approve pull requests in the organization", "path": "attributes.actions.can_approve_pull_request_reviews"}} with input as {"attributes": {"actions": {"can_approve_pull_request_reviews": true}}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"actions": {"can_approve_pull_request_reviews": "yes"}}}
}
