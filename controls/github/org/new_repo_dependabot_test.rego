package rampart.github.org.new_repo_dependabot_test

import data.rampart.github.org.new_repo_dependabot as c

org(x, y) := {"attributes": {"new_repository_security": {"dependabot_alerts": x, "dependabot_security_updates": y}}}

test_pass if {
	count(c.deny) == 0 with input as org(true, true)
	count(c.unknown) == 0 with input as org(true, true)
}

test_fail if {
	count(c.deny) == 1 with input as org(true, false)
	count(c.deny) == 2 with input as org(false, false)
}

test_unknown_when_missing if {
	count(c.unknown) == 2 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"new_repository_security": {"dependabot_alerts": true}}}
}
