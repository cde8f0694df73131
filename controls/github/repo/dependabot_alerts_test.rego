package rampart.github.repo.dependabot_alerts_test

import data.rampart.github.repo.dependabot_alerts as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"vulnerability_alerts_enabled": true}}
	count(c.unknown) == 0 with input as {"attributes": {"vulnerability_alerts_enabled": true}}
}

test_fail if {
	c.deny == {{"msg": "Dependabot alerts are disabled", "path": "attributes.vulnerability_alerts_enabled"}} with input as {"attributes": {"vulnerability_alerts_enabled": false}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"vulnerability_alerts_enabled": "yes"}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "vulnerability_alerts_enabled": false}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}
