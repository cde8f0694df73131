package rampart.github.repo.dependabot_sla_test

import data.rampart.github.repo.dependabot_sla as c

now := time.parse_rfc3339_ns("2026-03-01T00:00:00Z")

day := ((24 * 60) * 60) * 1e9

# settings is input.settings as Rampart builds it from a workspace's
# alert_sla (model.Settings.ControlInput); the tests use their own table to
# show the control reads it instead of keeping one.
settings := {
	"alert_sla": {
		"critical": {"ns": 7 * day, "text": "7 days"},
		"high": {"ns": 30 * day, "text": "30 days"},
		"medium": {"ns": 90 * day, "text": "90 days"},
	},
	"alert_severity": {"critical": "critical", "high": "high", "error": "high", "medium": "medium", "moderate": "medium", "warning": "medium", "low": "low", "note": "low", "info": "info"},
}

strict := object.union(settings, {"alert_sla": {"high": {"ns": 10 * day, "text": "10 days"}, "low": {"ns": 36 * ((60 * 60) * 1e9), "text": "36h0m0s"}}})

alerts(list) := {"attributes": {"dependabot_alerts": list}, "settings": settings}

test_pass_within_sla if {
	count(c.deny) == 0 with input as alerts([{"number": 1, "severity": "critical", "created_at": "2026-02-25T00:00:00Z"}, {"number": 2, "severity": "low", "created_at": "2020-01-01T00:00:00Z"}]) with time.now_ns as now
	count(c.unknown) == 0 with input as alerts([]) with time.now_ns as now
}

test_fail_overdue if {
	c.deny == {{"msg": "Dependabot alert #3 (high) has been open 59 days; the SLA is 30 days", "path": "attributes.dependabot_alerts[0]"}} with input as alerts([{"number": 3, "severity": "high", "created_at": "2026-01-01T00:00:00Z"}]) with time.now_ns as now
}

# The SLA is the workspace's: a stricter high, and one for low, change the verdict.
test_workspace_sla if {
	inp := {"attributes": {"dependabot_alerts": [{"number": 4, "severity": "high", "created_at": "2026-02-15T00:00:00Z"}, {"number": 5, "severity": "note", "created_at": "2026-02-27T00:00:00Z"}]}, "settings": strict}
	c.deny == {
		{"msg": "Dependabot alert #4 (high) has been open 14 days; the SLA is 10 days", "path": "attributes.dependabot_alerts[0]"},
		{"msg": "Dependabot alert #5 (note) has been open 2 days; the SLA is 36h0m0s", "path": "attributes.dependabot_alerts[1]"},
	} with input as inp with time.now_ns as now
	count(c.deny) == 0 with input as alerts(inp.attributes.dependabot_alerts) with time.now_ns as now
}

# Overdue means past created_at + SLA to the nanosecond, as the threat view
# counts it: a whole number of days is not required.
test_overdue_boundary if {
	count(c.deny) == 0 with input as alerts([{"number": 6, "severity": "critical", "created_at": "2026-02-22T00:00:00Z"}]) with time.now_ns as now
	count(c.deny) == 1 with input as alerts([{"number": 6, "severity": "critical", "created_at": "2026-02-21T23:59:59Z"}]) with time.now_ns as now
}

# A missing or unknown severity gets the strictest SLA, never none.
test_unknown_severity_is_critical if {
	c.deny == {{"msg": "Dependabot alert #7 (bogus) has been open 8 days; the SLA is 7 days", "path": "attributes.dependabot_alerts[0]"}} with input as alerts([{"number": 7, "severity": "bogus", "created_at": "2026-02-21T00:00:00Z"}]) with time.now_ns as now
	c.deny == {{"msg": "Dependabot alert #8 (critical) has been open 8 days; the SLA is 7 days", "path": "attributes.dependabot_alerts[0]"}} with input as alerts([{"number": 8, "created_at": "2026-02-21T00:00:00Z"}]) with time.now_ns as now
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}, "settings": settings} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {}, "settings": settings} with time.now_ns as now
	count(c.unknown) == 1 with input as alerts([{"number": 1, "severity": "critical"}]) with time.now_ns as now
	count(c.unknown) == 1 with input as alerts([{"number": 1, "created_at": "2026-01-01T00:00:00Z"}]) with time.now_ns as now
}

# Without input.settings the control cannot know the SLA: not_evaluated.
test_unknown_without_settings if {
	c.unknown == {{"msg": "the alert SLA is not in input.settings", "path": "settings.alert_sla"}} with input as {"attributes": {"dependabot_alerts": []}} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {"dependabot_alerts": [{"number": 3, "severity": "high", "created_at": "2026-01-01T00:00:00Z"}]}} with time.now_ns as now
}
