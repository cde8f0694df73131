package rampart.github.repo.secret_scanning_sla_test

import data.rampart.github.repo.secret_scanning_sla as c

now := time.parse_rfc3339_ns("2026-03-01T00:00:00Z")

day := ((24 * 60) * 60) * 1e9

# settings is input.settings as Rampart builds it (model.Settings.ControlInput).
settings := {
	"alert_sla": {
		"critical": {"ns": 7 * day, "text": "7 days"},
		"high": {"ns": 30 * day, "text": "30 days"},
		"medium": {"ns": 90 * day, "text": "90 days"},
	},
	"alert_severity": {"critical": "critical", "high": "high", "error": "high", "medium": "medium", "moderate": "medium", "warning": "medium", "low": "low", "note": "low", "info": "info"},
}

alerts(list) := {"attributes": {"secret_scanning_alerts": list}, "settings": settings}

test_pass_within_sla if {
	count(c.deny) == 0 with input as alerts([{"number": 1, "secret_type": "aws_access_key_id", "created_at": "2026-02-27T00:00:00Z"}]) with time.now_ns as now
	count(c.unknown) == 0 with input as alerts([]) with time.now_ns as now
}

test_fail_overdue if {
	c.deny == {{"msg": "secret scanning alert #2 (critical) has been open 10 days; the SLA is 7 days", "path": "attributes.secret_scanning_alerts[0]"}} with input as alerts([{"number": 2, "secret_type": "github_personal_access_token", "created_at": "2026-02-19T00:00:00Z"}]) with time.now_ns as now
}

# Secret alerts carry no severity: they take the workspace's critical SLA.
test_workspace_sla if {
	inp := {"attributes": {"secret_scanning_alerts": [{"number": 3, "secret_type": "aws_access_key_id", "created_at": "2026-02-27T00:00:00Z"}]}, "settings": object.union(settings, {"alert_sla": {"critical": {"ns": day, "text": "1 day"}}})}
	c.deny == {{"msg": "secret scanning alert #3 (critical) has been open 2 days; the SLA is 1 day", "path": "attributes.secret_scanning_alerts[0]"}} with input as inp with time.now_ns as now
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}, "settings": settings} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {}, "settings": settings} with time.now_ns as now
	count(c.unknown) == 1 with input as alerts([{"number": 1, "created_at": "yesterday"}]) with time.now_ns as now
}

test_unknown_without_settings if {
	c.unknown == {{"msg": "the alert SLA is not in input.settings", "path": "settings.alert_sla"}} with input as {"attributes": {"secret_scanning_alerts": []}} with time.now_ns as now
}
