# METADATA
# title: Inspector findings are fixed within their SLA
# description: >-
#   An active Amazon Inspector finding — a known-vulnerable package in an
#   EC2 instance, ECR image or Lambda function, or a port open to the
#   internet — older than the remediation time for its severity (critical
#   7 days, high 30, medium 90 unless the workspace's alert_sla says
#   otherwise) is a known hole left open.
# custom:
#   id: AWS-INSP-002
#   severity: high
#   resource_types: [aws.inspector.account]
#   frameworks:
#     iso27001-2022: ["A.8.8"]
#     nist-800-53-r5: ["RA-5", "SI-2"]
#     soc2: ["CC7.1"]
#   equivalents: {}
#   remediation:
#     console: 'Amazon Inspector → Findings: patch the package (rebuild the image, update the function, update the instance) or close the port; suppress only with a documented reason.'
#     terraform: 'Not a Terraform setting: update the AMI, image or function code the resource is built from.'
package rampart.aws.inspector.findings_sla

import data.rampart.lib

# The table is the workspace's (input.settings.alert_sla), the one the
# report's threat view applies to the same findings (alert kind
# inspector). Inspector's "untriaged" is no severity word: critical.
deny contains {"msg": sprintf("Inspector finding %s (%s) on %s has been open %d days; the SLA is %s%s", [name(f, i), lib.alert_word(object.get(f, "severity", null)), object.get(f, "resource", "an unnamed resource"), lib.days_since(f.created_at), sla.text, fix(f)]), "path": sprintf("attributes.findings[%d]", [i])} if {
	some i, f in input.attributes.findings
	is_object(f)
	sev := lib.alert_severity(object.get(f, "severity", null))
	sla := input.settings.alert_sla[sev]
	lib.alert_overdue(f.created_at, sla)
}

name(f, i) := object.get(f, "vulnerability_id", object.get(f, "title", sprintf("%d", [i])))

default fix(_) := ""

fix(f) := "; a fix is available" if f.fix_available == "YES"

unknown contains {"msg": "the alert SLA is not in input.settings", "path": "settings.alert_sla"} if {
	lib.alert_sla_unknown
}

unknown contains {"msg": sprintf("the region's active Inspector findings are unknown: %s", [object.get(object.get(input, "unknown", {}), "findings", "not in the evidence")]), "path": "attributes.findings"} if {
	not is_array(lib.attr("findings"))
}

unknown contains {"msg": sprintf("Inspector finding %d is not an object", [i]), "path": sprintf("attributes.findings[%d]", [i])} if {
	some i, f in input.attributes.findings
	not is_object(f)
}

unknown contains {"msg": sprintf("Inspector finding %d has no readable first-observed date", [i]), "path": sprintf("attributes.findings[%d].created_at", [i])} if {
	some i, f in input.attributes.findings
	is_object(f)
	not time.parse_rfc3339_ns(object.get(f, "created_at", ""))
}

unknown contains {"msg": sprintf("Inspector finding %d has no severity", [i]), "path": sprintf("attributes.findings[%d].severity", [i])} if {
	some i, f in input.attributes.findings
	is_object(f)
	not is_string(object.get(f, "severity", null))
}
