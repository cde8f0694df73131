# METADATA
# title: GuardDuty findings are resolved within their SLA
# description: >-
#   An open GuardDuty finding older than the remediation time for its
#   severity (critical 7 days, high 30, medium 90 unless the workspace's
#   alert_sla says otherwise) is a detected threat — credential misuse,
#   crypto-mining, reconnaissance, malware — that nobody closed.
# custom:
#   id: AWS-GD-002
#   severity: high
#   resource_types: [aws.guardduty.detector]
#   frameworks:
#     iso27001-2022: ["A.5.25", "A.5.26"]
#     nist-800-53-r5: ["IR-4", "SI-4"]
#     soc2: ["CC7.3", "CC7.4"]
#   equivalents: {}
#   remediation:
#     console: 'GuardDuty → Findings: investigate each finding, contain the resource it names, then archive the finding (or add a suppression rule with the documented reason).'
#     terraform: 'Not a Terraform setting: respond to the finding; aws_guardduty_filter with action = "ARCHIVE" only for findings known to be benign.'
package rampart.aws.guardduty.findings_sla

import data.rampart.lib

# The SLA per severity is the workspace's (input.settings.alert_sla), the
# table the report's threat view applies to the same findings (alert kind
# guardduty), so both name the same findings overdue.
deny contains {"msg": sprintf("GuardDuty finding %s (%s, %s) on %s has been open %d days; the SLA is %s", [object.get(f, "type", i), lib.alert_word(object.get(f, "severity", null)), object.get(f, "title", ""), object.get(f, "resource", "the account"), lib.days_since(f.created_at), sla.text]), "path": sprintf("attributes.findings[%d]", [i])} if {
	some i, f in input.attributes.findings
	sev := lib.alert_severity(object.get(f, "severity", null))
	sla := input.settings.alert_sla[sev]
	lib.alert_overdue(f.created_at, sla)
}

unknown contains {"msg": "the alert SLA is not in input.settings", "path": "settings.alert_sla"} if {
	lib.alert_sla_unknown
}

unknown contains {"msg": sprintf("the detector's open findings are unknown: %s", [object.get(object.get(input, "unknown", {}), "findings", "not in the evidence")]), "path": "attributes.findings"} if {
	not is_array(lib.attr("findings"))
}

unknown contains {"msg": sprintf("GuardDuty finding %d is not an object", [i]), "path": sprintf("attributes.findings[%d]", [i])} if {
	some i, f in input.attributes.findings
	not is_object(f)
}

unknown contains {"msg": sprintf("GuardDuty finding %d has no readable creation date", [i]), "path": sprintf("attributes.findings[%d].created_at", [i])} if {
	some i, f in input.attributes.findings
	is_object(f)
	not time.parse_rfc3339_ns(object.get(f, "created_at", ""))
}

unknown contains {"msg": sprintf("GuardDuty finding %d has no severity", [i]), "path": sprintf("attributes.findings[%d].severity", [i])} if {
	some i, f in input.attributes.findings
	is_object(f)
	not is_string(object.get(f, "severity", null))
}
