package rampart.github.repo.secret_scanning_sla_test

import data.rampart.github.repo.secret_scanning_sla as c

now := time.parse_rfc3339_ns("2026-03-01T00:00:00Z")

test_pass_within_sla if {
	count(c.deny) == 0 with input as {"attributes": {"secret_scanning_alerts": [{"number": 1, "secret_type": "aws_access_key_id", "created_at": "2026-02-27T00:00:00Z"}]}} with time.now_ns as now
	count(c.unknown) == 0 with input as {"attributes": {"secret_scanning_alerts": []}} with time.now_ns as now
}

test_fail_overdue if {
	c.deny == {{"msg": "secret scanning alert #2 (critical) has been open 10 days; the SLA is 7 days", "path": "attributes.secret_scanning_alerts[0]"}} with input as {"attributes": {"secret_scanning_alerts": [{"number": 2, "secret_type": "github_personal_access_token", "created_at": "2026-02-19T00:00:00Z"}]}} with time.now_ns as now
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {}} with time.now_ns as now
	count(c.unknown) == 1 with input as {"attributes": {"secret_scanning_alerts": [{"number": 1, "created_at": "yesterday"}]}} with time.now_ns as now
}
