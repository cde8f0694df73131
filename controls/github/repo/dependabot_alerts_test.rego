package rampart.github.repo.dependabot_alerts_test

import data.rampart.github.repo.dependabot_alerts as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "vulnerability_alerts_enabled": true}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": false, "vulnerability_alerts_enabled": true}}
}

test_fail if {
	c.deny == {{"msg": "Dependabot alerts are disabled", "path": "attributes.vulnerability_alerts_enabled"}} with input as {"attributes": {"archived": false, "vulnerability_alerts_enabled": false}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {"archived": false}}
	count(c.unknown) == 1 with input as {"attributes": {"archived": false}}
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "vulnerability_alerts_enabled": "yes"}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "vulnerability_alerts_enabled": false}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true}}
}

# A null, "false" or 0 archived flag must neither exempt the repository nor
# be ignored: the control cannot tell whether it applies.
test_unknown_archived_not_boolean if {
	every v in [null, "false", 0, {}] {
		{"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} in c.unknown with input as {"attributes": {"archived": v}}
	}
	count(c.unknown) == 0 with input as json.patch({"attributes": {}}, [{"op": "add", "path": "/attributes/archived", "value": true}])
}
