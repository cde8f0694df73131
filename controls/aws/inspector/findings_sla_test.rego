package rampart.aws.inspector.findings_sla_test

import data.rampart.aws.inspector.findings_sla as c

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

account(findings) := {"attributes": {"status": "ENABLED", "findings": findings}, "settings": settings}

openssh := {"arn": "a1", "title": "CVE-2024-6387 - openssh-server", "vulnerability_id": "CVE-2024-6387", "severity": "critical", "resource": "i-0aaa", "fix_available": "YES", "created_at": "2026-11-10T00:00:00Z"}

test_pass_within_sla if {
	count(c.deny) == 0 with input as account([object.union(openssh, {"created_at": "2026-11-28T00:00:00Z"}), {"severity": "informational", "created_at": "2020-01-01T00:00:00Z"}]) with time.now_ns as now
	count(c.unknown) == 0 with input as account([]) with time.now_ns as now
}

test_fail_overdue if {
	c.deny == {{"msg": "Inspector finding CVE-2024-6387 (critical) on i-0aaa has been open 21 days; the SLA is 7 days; a fix is available", "path": "attributes.findings[0]"}} with input as account([openssh]) with time.now_ns as now
	c.deny == {{"msg": "Inspector finding Port 22 is reachable (medium) on i-0bbb has been open 100 days; the SLA is 90 days", "path": "attributes.findings[0]"}} with input as account([{"title": "Port 22 is reachable", "severity": "medium", "resource": "i-0bbb", "created_at": "2026-08-23T00:00:00Z"}]) with time.now_ns as now
}

# Untriaged is no severity: the strictest SLA.
test_untriaged_is_critical if {
	count(c.deny) == 1 with input as account([{"vulnerability_id": "CVE-2099-1", "severity": "untriaged", "created_at": "2026-11-20T00:00:00Z"}]) with time.now_ns as now
}

test_unknown_when_missing if {
	c.unknown == {{"msg": "the region's active Inspector findings are unknown: access denied: needs inspector2:ListFindings", "path": "attributes.findings"}} with input as {"attributes": {"status": "ENABLED"}, "unknown": {"findings": "access denied: needs inspector2:ListFindings"}, "settings": settings} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {}, "settings": settings} with time.now_ns as now
	count(c.unknown) == 1 with input as account([{"severity": "high"}]) with time.now_ns as now
	count(c.unknown) == 1 with input as account([7]) with time.now_ns as now
}

test_unknown_without_settings if {
	c.unknown == {{"msg": "the alert SLA is not in input.settings", "path": "settings.alert_sla"}} with input as {"attributes": {"findings": []}} with time.now_ns as now
	count(c.deny) == 0 with input as {"attributes": {"findings": [openssh]}} with time.now_ns as now
}
