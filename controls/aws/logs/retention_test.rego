package rampart.aws.logs.retention_test

import data.rampart.aws.logs.retention as c

group(attrs) := {"type": "aws.logs.log_group", "id": "arn:aws:logs:eu-west-1:111122223333:log-group:app", "attributes": object.union({"name": "app"}, attrs), "settings": {"log_retention_days": 365}}

test_pass if {
	every inp in [
		group({"expires": true, "retention_in_days": 365}),
		group({"expires": true, "retention_in_days": 3653}),
		group({"expires": false}),
		object.union(group({"expires": true, "retention_in_days": 90}), {"settings": {"log_retention_days": 90}}),
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 0 with input as inp
	}
}

test_fail if {
	inp := group({"expires": true, "retention_in_days": 14})
	c.deny == {{"msg": "log group app keeps its events 14 days, fewer than the required 365", "path": "attributes.retention_in_days"}} with input as inp
	count(c.unknown) == 0 with input as inp
}

test_fail_stricter_setting if {
	inp := object.union(group({"expires": true, "retention_in_days": 400}), {"settings": {"log_retention_days": 731}})
	count(c.deny) == 1 with input as inp
}

test_unknown if {
	every inp in [
		group({}),
		group({"expires": "yes"}),
		group({"expires": true}),
		group({"expires": true, "retention_in_days": "14"}),
		{"type": "aws.logs.log_group", "attributes": {"name": "app"}, "unknown": {"expires": "unknown until apply: var.days"}, "settings": {"log_retention_days": 365}},
		{"type": "aws.logs.log_group", "attributes": {"name": "app", "expires": true, "retention_in_days": 14}},
	] {
		count(c.deny) == 0 with input as inp
		count(c.unknown) == 1 with input as inp
	}
}
