# METADATA
# title: Dependabot alerts are fixed within their SLA
# description: >-
#   Open Dependabot alerts older than the remediation time for their
#   severity (critical 7 days, high 30, medium 90) mean known-vulnerable
#   dependencies stay in use.
# custom:
#   id: GH-REPO-020
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.8.8"]
#     nist-800-53-r5: ["RA-5", "SI-2"]
#     soc2: ["CC7.1"]
#   equivalents: {}
#   remediation:
#     console: 'Security → Dependabot: merge the security update or upgrade the dependency; dismiss only with a documented reason.'
#     terraform: 'Not a Terraform setting: update the dependency in the repository.'
package rampart.github.repo.dependabot_sla

import data.rampart.lib

# The SLA per severity is the workspace's (input.settings.alert_sla, see
# controls/lib): the same table the report's threat view applies, so both
# name the same alerts overdue. A missing or unknown severity is critical.
deny contains {"msg": sprintf("Dependabot alert #%v (%s) has been open %d days; the SLA is %s", [object.get(alert, "number", i), lib.alert_word(object.get(alert, "severity", null)), lib.days_since(alert.created_at), sla.text]), "path": sprintf("attributes.dependabot_alerts[%d]", [i])} if {
	some i, alert in input.attributes.dependabot_alerts
	sev := lib.alert_severity(object.get(alert, "severity", null))
	sla := input.settings.alert_sla[sev]
	lib.alert_overdue(alert.created_at, sla)
}

unknown contains {"msg": "the alert SLA is not in input.settings", "path": "settings.alert_sla"} if {
	lib.alert_sla_unknown
}

unknown contains {"msg": "the open Dependabot alerts are unknown", "path": "attributes.dependabot_alerts"} if {
	not is_array(lib.attr("dependabot_alerts"))
}

unknown contains {"msg": sprintf("Dependabot alert %d has no severity", [i]), "path": sprintf("attributes.dependabot_alerts[%d].severity", [i])} if {
	some i, alert in input.attributes.dependabot_alerts
	not is_string(object.get(alert, "severity", null))
}

unknown contains {"msg": sprintf("Dependabot alert %d has no readable opening date", [i]), "path": sprintf("attributes.dependabot_alerts[%d].created_at", [i])} if {
	some i, alert in input.attributes.dependabot_alerts
	not time.parse_rfc3339_ns(object.get(alert, "created_at", ""))
}
