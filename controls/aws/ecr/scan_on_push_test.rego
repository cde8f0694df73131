package rampart.aws.ecr.scan_on_push_test

import data.rampart.aws.ecr.scan_on_push as c

repo(name, own, scanning) := {"attributes": {"repository_name": name, "scan_on_push": own, "registry_scanning": scanning}}

basic(rules) := {"scan_type": "BASIC", "rules": rules}

enhanced(rules) := {"scan_type": "ENHANCED", "rules": rules}

prod := {"scan_frequency": "SCAN_ON_PUSH", "filters": ["prod-*"]}

test_pass if {
	every inp in [
		repo("prod-api", false, basic([prod])),
		repo("tools", true, basic([])),
		repo("any", false, enhanced([{"scan_frequency": "CONTINUOUS_SCAN", "filters": ["*"]}])),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	c.deny == {{"msg": "images pushed to ECR repository sandbox are not scanned (BASIC scanning, no rule covers it, and its own scan on push is off)", "path": "attributes.registry_scanning.rules"}} with input as repo("sandbox", false, basic([prod]))
	c.deny == {{"msg": "images pushed to ECR repository tools are not scanned (ENHANCED scanning, no rule covers it)", "path": "attributes.registry_scanning.rules"}} with input as repo("tools", true, enhanced([prod]))
	count(c.deny) == 1 with input as repo("prod-api", false, basic([{"scan_frequency": "MANUAL", "filters": ["*"]}]))
}

test_unknown if {
	every inp in [
		{"attributes": {"repository_name": "r", "scan_on_push": false}, "unknown": {"registry_scanning": "access denied: needs ecr:GetRegistryScanningConfiguration"}},
		{"attributes": {"repository_name": "r", "scan_on_push": true}},
		{"attributes": {"repository_name": "r", "registry_scanning": basic([])}},
		repo("r", false, {"scan_type": "BASIC"}),
		repo("r", false, {"scan_type": "FUTURE", "rules": []}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) >= 1 with input as inp
	}
}
