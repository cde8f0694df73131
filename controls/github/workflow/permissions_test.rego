package rampart.github.workflow.permissions_test

import data.rampart.github.workflow.permissions as c

read_only := {"declared": true, "write_all": false, "write_scopes": [], "line": 3}

undeclared := {"declared": false, "write_all": false, "write_scopes": [], "line": 0}

job(id, perms) := {"id": id, "line": 7, "runs_on": ["ubuntu-latest"], "permissions": perms}

test_pass if {
	inp := {"attributes": {"permissions": read_only, "jobs": [
		job("test", undeclared),
		job("label", {"declared": true, "write_all": false, "write_scopes": ["pull-requests"], "line": 9}),
	]}}
	count(c.deny) == 0 with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_undeclared if {
	c.deny == {
		{"msg": "the workflow declares no top-level permissions: its GITHUB_TOKEN gets the repository default", "path": "attributes.permissions.declared"},
		{"msg": "job test, line 7: no permissions declared for the job or the workflow", "path": "attributes.jobs[0].permissions.declared"},
	} with input as {"attributes": {"permissions": undeclared, "jobs": [job("test", undeclared)]}}
}

test_fail_write if {
	c.deny == {{"msg": "line 3: the top-level permissions are write-all", "path": "attributes.permissions.write_all"}} with input as {"attributes": {"permissions": object.union(read_only, {"write_all": true}), "jobs": []}}
	c.deny == {{"msg": "line 3: the top-level permissions grant write on contents, packages; grant it in the job that needs it", "path": "attributes.permissions.write_scopes"}} with input as {"attributes": {"permissions": object.union(read_only, {"write_scopes": ["contents", "packages"]}), "jobs": []}}
	c.deny == {{"msg": "job b, line 9: the job's permissions are write-all", "path": "attributes.jobs[0].permissions.write_all"}} with input as {"attributes": {"permissions": read_only, "jobs": [job("b", {"declared": true, "write_all": true, "write_scopes": [], "line": 9})]}}
}

test_unknown_when_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"permissions": {"declared": true}, "jobs": []}}
	count(c.unknown) == 1 with input as {"attributes": {"permissions": read_only, "jobs": [{"id": "x", "line": 1}]}}
}
