# METADATA
# title: No high or critical GuardDuty finding is open
# description: >-
#   A high or critical GuardDuty finding (severity 7.0 and above) means a
#   resource is probably compromised — credentials used from outside AWS,
#   an instance talking to a command-and-control server — and needs action
#   now, whatever its SLA leaves for remediation.
# custom:
#   id: AWS-GD-003
#   severity: high
#   resource_types: [aws.guardduty.detector]
#   frameworks:
#     iso27001-2022: ["A.5.25", "A.5.26"]
#     nist-800-53-r5: ["IR-4", "IR-5", "SI-4"]
#     soc2: ["CC7.3", "CC7.4"]
#   equivalents:
#     prowler: [guardduty_no_high_severity_findings]
#   remediation:
#     console: 'GuardDuty → Findings, filter Severity: High and Critical: contain the named resource (revoke the credentials, isolate the instance), then archive the finding.'
#     terraform: 'Not a Terraform setting: respond to the finding.'
package rampart.aws.guardduty.high_findings

import data.rampart.lib

# GuardDuty's bands: high 7.0–8.9, critical 9.0–10.0 (the collector's
# severity word). A finding whose severity is missing counts as critical,
# as in the threat view.
high(f) if lib.alert_severity(object.get(f, "severity", null)) in {"high", "critical"}

deny contains {"msg": sprintf("%s GuardDuty finding %s on %s: %s", [lib.alert_word(object.get(f, "severity", null)), object.get(f, "type", i), object.get(f, "resource", "the account"), object.get(f, "title", "")]), "path": sprintf("attributes.findings[%d]", [i])} if {
	is_object(object.get(input, ["settings", "alert_severity"], null))
	some i, f in input.attributes.findings
	is_object(f)
	high(f)
}

unknown contains {"msg": "the alert severities are not in input.settings", "path": "settings.alert_severity"} if {
	not is_object(object.get(input, ["settings", "alert_severity"], null))
}

unknown contains {"msg": sprintf("the detector's open findings are unknown: %s", [object.get(object.get(input, "unknown", {}), "findings", "not in the evidence")]), "path": "attributes.findings"} if {
	not is_array(lib.attr("findings"))
}

unknown contains {"msg": sprintf("GuardDuty finding %d is not an object", [i]), "path": sprintf("attributes.findings[%d]", [i])} if {
	some i, f in input.attributes.findings
	not is_object(f)
}

unknown contains {"msg": sprintf("GuardDuty finding %d has no severity", [i]), "path": sprintf("attributes.findings[%d].severity", [i])} if {
	some i, f in input.attributes.findings
	is_object(f)
	not is_string(object.get(f, "severity", null))
}
