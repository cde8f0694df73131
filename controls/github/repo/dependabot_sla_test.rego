package rampart.github.repo.dependabot_sla_test

import data.rampart.github.repo.dependabot_sla as c

now := time.parse_rfc3339_ns("2026-03-01T00:00:00Z")

test_pass_within_sla if {
	count(c.deny) == 0 with input as {"attributes": {"dependabot_alerts": [{"number": 1, "severity": "critical", "created_at": "2026-02-25T00:00:00Z"}, {"number": 2, "severity": "low", "created_at": "2020-01-01T00:00:00Z"}]}} with time.now_ns as now
	count(c.unknown) == 0 with input as {"attributes": {"dependabot_alerts": []}} with time.now_ns as now
}

test_fail_overdue if {
	c.deny == {{"msg": "Dependabot alert #3 (high) has been open 59 days; the SLA is 30 days", "path": "attributes.dependabot_alerts[0]"}} with input as {"attributes": {"dependabot_alerts": [{"number": 3, "severity": "high", "created_at": "2026-01-01T00:00:00Z"}]}} with time.now_ns as now
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {}} with time.now_ns as now
	count(c.unknown) == 1 with input as {"attributes": {"dependabot_alerts": [{"number": 1, "severity": "critical"}]}} with time.now_ns as now
	count(c.unknown) == 1 with input as {"attributes": {"dependabot_alerts": [{"number": 1, "created_at": "2026-01-01T00:00:00Z"}]}} with time.now_ns as now
}
