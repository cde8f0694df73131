package rampart.aws.guardduty.findings_sla_test

import data.rampart.aws.guardduty.findings_sla as c

now := time.parse_rfc3339_ns("2026-12-01T00:00:00Z")

day := ((24 * 60) * 60) * 1e9

settings := {
	"alert_sla": {
		"critical": {"ns": 7 * day, "text": "7 days"},
		"high": {"ns": 30 * day, "text": "30 days"},
		"medium": {"ns": 90 * day, "text": "90 days"},
	},
	"alert_severity": {"critical": "critical", "high": "high", "medium": "medium", "low": "low", "info": "info", "informational": "info"},
}

detector(findings) := {"attributes": {"status": "ENABLED", "findings": findings}, "settings": settings}

exfil := {"id": "f1", "type": "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "title": "Credentials used outside AWS", "severity": "high", "resource": "ci", "created_at": "2026-10-20T00:00:00Z"}

test_pass_within_sla if {
	count(c.deny) == 0 with input as detector([object.union(exfil, {"created_at": "2026-11-20T00:00:00Z"}), {"id": "f2", "severity": "low", "created_at": "2020-01-01T00:00:00Z"}]) with time.now_ns as now
	count(c.unknown) == 0 with input as detector([]) with time.now_ns as now
}

test_fail_overdue if {
	c.deny == {{"msg": "GuardDuty finding UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS (high, Credentials used outside AWS) on ci has been open 42 days; the SLA is 30 days", "path": "attributes.findings[0]"}} with input as detector([exfil]) with time.now_ns as now
}

# The SLA is the workspace's: a stricter table changes the verdict.
test_workspace_sla if {
	strict := object.union(settings, {"alert_sla": {"high": {"ns": 10 * day, "text": "10 days"}}})
	f := object.union(exfil, {"created_at": "2026-11-15T00:00:00Z"})
	count(c.deny) == 0 with input as detector([f]) with time.now_ns as now
	count(c.deny) == 1 with input as {"attributes": {"findings": [f]}, "settings": strict} with time.now_ns as now
}

# A missing or unknown severity gets the strictest SLA, never none.
test_unknown_severity_is_critical if {
	count(c.deny) == 1 with input as detector([{"id": "f3", "severity": "unknown", "created_at": "2026-11-20T00:00:00Z"}]) with time.now_ns as now
	count(c.deny) == 1 with input as detector([{"id": "f4", "created_at": "2026-11-20T00:00:00Z"}]) with time.now_ns as now
}

test_unknown_when_missing if {
	c.unknown == {{"msg": "the detector's open findings are unknown: access denied: needs guardduty:ListFindings", "path": "attributes.findings"}} with input as {"attributes": {"status": "ENABLED"}, "unknown": {"findings": "access denied: needs guardduty:ListFindings"}, "settings": settings} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {}, "settings": settings} with time.now_ns as now
	count(c.unknown) == 1 with input as detector([{"id": "f5", "severity": "high"}]) with time.now_ns as now
	count(c.unknown) == 1 with input as detector(["f6"]) with time.now_ns as now
}

test_unknown_without_settings if {
	c.unknown == {{"msg": "the alert SLA is not in input.settings", "path": "settings.alert_sla"}} with input as {"attributes": {"findings": []}} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {"findings": [exfil]}} with time.now_ns as now
}
