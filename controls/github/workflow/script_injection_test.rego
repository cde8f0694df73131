package rampart.github.workflow.script_injection_test

import data.rampart.github.workflow.script_injection as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"script_injections": []}}
	count(c.unknown) == 0 with input as {"attributes": {"script_injections": []}}
}

test_fail if {
	c.deny == {{"msg": "job triage, line 17: github.event.issue.title is interpolated into a run script", "path": "attributes.script_injections[0]"}} with input as {"attributes": {"script_injections": [{"job": "triage", "line": 17, "field": "run", "expression": "github.event.issue.title"}]}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"script_injections": "x"}}
}
