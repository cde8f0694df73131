# METADATA
# title: Leaked secrets are revoked within 7 days
# description: >-
#   An open secret scanning alert is a credential exposed in the
#   repository. Secret alerts carry no severity; each is treated as
#   critical (7 days).
# custom:
#   id: GH-REPO-022
#   severity: critical
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.5.1"]
#     iso27001-2022: ["A.5.17", "A.8.12"]
#     nist-800-53-r5: ["IA-5", "IR-4"]
#     soc2: ["CC6.1", "CC7.4"]
#   equivalents: {}
#   remediation:
#     console: 'Security → Secret scanning: revoke the credential at its issuer, then close the alert as revoked.'
#     terraform: 'Not a Terraform setting: rotate the credential and remove it from the history.'
package rampart.github.repo.secret_scanning_sla

import data.rampart.lib

# Secret alerts carry no severity: each takes the workspace's critical SLA
# (input.settings.alert_sla, see controls/lib), as in the report's threat
# view, so both name the same alerts overdue.
deny contains {"msg": sprintf("secret scanning alert #%v (critical) has been open %d days; the SLA is %s", [object.get(alert, "number", i), lib.days_since(alert.created_at), sla.text]), "path": sprintf("attributes.secret_scanning_alerts[%d]", [i])} if {
	some i, alert in input.attributes.secret_scanning_alerts
	sla := input.settings.alert_sla.critical
	lib.alert_overdue(alert.created_at, sla)
}

unknown contains {"msg": "the alert SLA is not in input.settings", "path": "settings.alert_sla"} if {
	lib.alert_sla_unknown
}

unknown contains {"msg": "the open secret scanning alerts are unknown", "path": "attributes.secret_scanning_alerts"} if {
	not is_array(lib.attr("secret_scanning_alerts"))
}

unknown contains {"msg": sprintf("secret scanning alert %d has no readable opening date", [i]), "path": sprintf("attributes.secret_scanning_alerts[%d].created_at", [i])} if {
	some i, alert in input.attributes.secret_scanning_alerts
	not time.parse_rfc3339_ns(object.get(alert, "created_at", ""))
}
