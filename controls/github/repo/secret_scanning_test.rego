package rampart.github.repo.secret_scanning_test

import data.rampart.github.repo.secret_scanning as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"security_and_analysis": {"secret_scanning": true}}}
	count(c.unknown) == 0 with input as {"attributes": {"security_and_analysis": {"secret_scanning": true}}}
}

test_fail if {
	c.deny == {{"msg": "secret scanning is disabled", "path": "attributes.security_and_analysis.secret_scanning"}} with input as {"attributes": {"security_and_analysis": {"secret_scanning": false}}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"security_and_analysis": {"secret_scanning": "yes"}}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "security_and_analysis": {"secret_scanning": false}}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}
