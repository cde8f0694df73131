# METADATA
# title: Code scanning alerts are fixed within their SLA
# description: >-
#   Open code scanning alerts older than the remediation time for their
#   severity (critical 7 days, high 30, medium 90) mean known flaws stay
#   in the code.
# custom:
#   id: GH-REPO-021
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.8.8", "A.8.28"]
#     nist-800-53-r5: ["RA-5", "SI-2", "SA-11"]
#     soc2: ["CC7.1"]
#   equivalents: {}
#   remediation:
#     console: 'Security → Code scanning: fix the flagged code; dismiss only as false positive or as won’t fix, with a reason.'
#     terraform: 'Not a Terraform setting: fix the code in the repository.'
package rampart.github.repo.code_scanning_sla

import data.rampart.lib

# The SLA per severity is the workspace's (input.settings.alert_sla, see
# controls/lib): the same table the report's threat view applies, so both
# name the same alerts overdue. A missing or unknown severity is critical.
deny contains {"msg": sprintf("code scanning alert #%v (%s) has been open %d days; the SLA is %s", [object.get(alert, "number", i), lib.alert_word(object.get(alert, "severity", null)), lib.days_since(alert.created_at), sla.text]), "path": sprintf("attributes.code_scanning_alerts[%d]", [i])} if {
	some i, alert in input.attributes.code_scanning_alerts
	sev := lib.alert_severity(object.get(alert, "severity", null))
	sla := input.settings.alert_sla[sev]
	lib.alert_overdue(alert.created_at, sla)
}

unknown contains {"msg": "the alert SLA is not in input.settings", "path": "settings.alert_sla"} if {
	lib.alert_sla_unknown
}

unknown contains {"msg": "the open code scanning alerts are unknown", "path": "attributes.code_scanning_alerts"} if {
	not is_array(lib.attr("code_scanning_alerts"))
}

unknown contains {"msg": sprintf("code scanning alert %d has no severity", [i]), "path": sprintf("attributes.code_scanning_alerts[%d].severity", [i])} if {
	some i, alert in input.attributes.code_scanning_alerts
	not is_string(object.get(alert, "severity", null))
}

unknown contains {"msg": sprintf("code scanning alert %d has no readable opening date", [i]), "path": sprintf("attributes.code_scanning_alerts[%d].created_at", [i])} if {
	some i, alert in input.attributes.code_scanning_alerts
	not time.parse_rfc3339_ns(object.get(alert, "created_at", ""))
}
