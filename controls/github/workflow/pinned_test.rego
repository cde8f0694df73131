package rampart.github.workflow.pinned_test

import data.rampart.github.workflow.pinned as c

sha := "11bd71901bbe5b1630ceea73d27597364c9af683"

test_pass if {
	inp := {"attributes": {"actions": [
		{"job": "b", "line": 9, "uses": concat("@", ["actions/checkout", sha]), "kind": "repository", "pinned": true},
		{"job": "b", "line": 10, "uses": "./local", "kind": "local", "pinned": true},
	]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
	count(c.deny) == 0 with input as {"attributes": {"actions": []}}
}

test_fail if {
	c.deny == {{"msg": "job b, line 9: actions/checkout@v4 is not pinned to a full commit SHA", "path": "attributes.actions[0].pinned"}} with input as {"attributes": {"actions": [{"job": "b", "line": 9, "uses": "actions/checkout@v4", "pinned": false}]}}
	count(c.deny) == 1 with input as {"attributes": {"actions": [{"job": "b", "line": 3, "uses": "docker://alpine:3", "kind": "docker", "pinned": false}]}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"actions": [{"job": "b", "uses": "x/y@v1"}]}}
	count(c.unknown) == 1 with input as {"attributes": {"actions": [{"job": "b", "uses": "x/y@v1", "pinned": "no"}]}}
}
