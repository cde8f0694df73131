package rampart.github.workflow.dangerous_trigger_test

import data.rampart.github.workflow.dangerous_trigger as c

head := "${{ github.event.pull_request.head.sha }}"

test_pass if {
	# A privileged trigger that never checks out the head: labelling, commenting.
	inp := {"attributes": {"triggers": ["pull_request_target"], "privileged_trigger": true, "pr_head_checkouts": []}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp

	# Checking out the head under pull_request runs with a read token and no secrets.
	count(c.deny) == 0 with input as {"attributes": {"triggers": ["pull_request"], "privileged_trigger": false, "pr_head_checkouts": [{"job": "t", "line": 9, "ref": head}]}}
}

test_fail if {
	c.deny == {{"msg": sprintf("job build, line 12: a pull_request_target workflow checks out the pull request's code (%v)", [head]), "path": "attributes.pr_head_checkouts[0]"}} with input as {"attributes": {"triggers": ["pull_request_target", "push"], "privileged_trigger": true, "pr_head_checkouts": [{"job": "build", "line": 12, "ref": head}]}}
}

test_unknown_when_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"privileged_trigger": true}}
	count(c.unknown) == 1 with input as {"attributes": {"pr_head_checkouts": [{"job": "b", "line": 1, "ref": head}]}}
}

test_fail_without_triggers if {
	# The trigger list only words the message: a missing one keeps the failure.
	c.deny == {{"msg": "job build, line 12: a pull_request_target or workflow_run workflow checks out the pull request's code (x)", "path": "attributes.pr_head_checkouts[0]"}} with input as {"attributes": {"privileged_trigger": true, "pr_head_checkouts": [{"job": "build", "line": 12, "ref": "x"}]}}
}
