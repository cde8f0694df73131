package rampart.github.repo.code_scanning_setup_test

import data.rampart.github.repo.code_scanning_setup as c

repo(v) := {"attributes": {"archived": false, "code_scanning_default_setup": v}}

test_pass if {
	count(c.deny) == 0 with input as repo("configured")
	count(c.unknown) == 0 with input as repo("configured")
}

test_fail if {
	c.deny == {{"msg": "code scanning default setup is not configured", "path": "attributes.code_scanning_default_setup"}} with input as repo("not-configured")
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "code_scanning_default_setup": "not-configured"}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"archived": false}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false}}
	count(c.unknown) == 1 with input as repo(true)
}
