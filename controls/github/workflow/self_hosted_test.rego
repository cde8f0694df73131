package rampart.github.workflow.self_hosted_test

import data.rampart.github.workflow.self_hosted as c

runner := {"job": "build", "line": 8, "label": "self-hosted"}

test_pass if {
	public_hosted := {"attributes": {"repository_visibility": "public", "self_hosted_runners": [], "runs_on_expressions": []}}
	count(c.deny) == 0 with input as public_hosted
	count(c.unknown) == 0 with input as public_hosted

	private_self := {"attributes": {"repository_visibility": "private", "self_hosted_runners": [runner], "runs_on_expressions": []}}
	count(c.deny) == 0 with input as private_self
	count(c.unknown) == 0 with input as private_self

	# No self-hosted job: the visibility does not matter, and the gate does not know it.
	count(c.unknown) == 0 with input as {"attributes": {"self_hosted_runners": [], "runs_on_expressions": []}}
}

test_fail if {
	c.deny == {{"msg": "job build, line 8: a public repository's job runs on a self-hosted runner (self-hosted)", "path": "attributes.self_hosted_runners[0]"}} with input as {"attributes": {"repository_visibility": "public", "self_hosted_runners": [runner], "runs_on_expressions": []}}
}

test_unknown_when_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	c.unknown == {{"msg": "the repository's visibility is unknown and a job runs on a self-hosted runner", "path": "attributes.repository_visibility"}} with input as {"attributes": {"self_hosted_runners": [runner], "runs_on_expressions": []}}
	count(c.unknown) == 1 with input as {"attributes": {"repository_visibility": "public", "self_hosted_runners": [], "runs_on_expressions": [{"job": "b", "line": 3, "expression": "${{ matrix.os }}"}]}}
}
