package rampart.github.repo.dependabot_updates_test

import data.rampart.github.repo.dependabot_updates as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"security_and_analysis": {"dependabot_security_updates": true}}}
	count(c.unknown) == 0 with input as {"attributes": {"security_and_analysis": {"dependabot_security_updates": true}}}
}

test_fail if {
	c.deny == {{"msg": "Dependabot security updates are disabled", "path": "attributes.security_and_analysis.dependabot_security_updates"}} with input as {"attributes": {"security_and_analysis": {"dependabot_security_updates": false}}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"security_and_analysis": {"dependabot_security_updates": "yes"}}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "security_and_analysis": {"dependabot_security_updates": false}}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}
