# METADATA
# title: ECR images are scanned for vulnerabilities when pushed
# description: >-
#   A pushed image is scanned automatically when a rule of the registry's
#   scanning configuration covers the repository with SCAN_ON_PUSH or
#   CONTINUOUS_SCAN (its wildcard filter matches the repository's name),
#   or — with basic scanning only — when the repository's own scan on push
#   is on. Enhanced scanning (Amazon Inspector) uses the registry's rules
#   alone.
# custom:
#   id: AWS-ECR-002
#   severity: medium
#   resource_types: [aws.ecr.repository]
#   frameworks:
#     iso27001-2022: ["A.8.8"]
#     nist-800-53-r5: ["RA-5", "SI-2"]
#     soc2: ["CC7.1"]
#   equivalents:
#     prowler: [ecr_registry_scan_images_on_push_enabled]
#     trivy: [AVD-AWS-0030]
#   remediation:
#     console: 'ECR → Private registry → Settings → Scanning → a scan-on-push (or continuous) rule whose filter matches the repository, e.g. "*"; with basic scanning the repository''s own Edit → Scan on push works too.'
#     terraform: 'aws_ecr_registry_scanning_configuration { scan_type = "ENHANCED"  rule { scan_frequency = "SCAN_ON_PUSH"  repository_filter { filter = "*"  filter_type = "WILDCARD" } } }, or aws_ecr_repository { image_scanning_configuration { scan_on_push = true } } with basic scanning.'
package rampart.aws.ecr.scan_on_push

import data.rampart.lib

name := input.attributes.repository_name

scanning := input.attributes.registry_scanning

automatic := {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}

rule_covers if {
	some rule in scanning.rules
	rule.scan_frequency in automatic
	some f in rule.filters
	lib.wildcard_match(f, name)
}

repository_setting_counts if {
	scanning.scan_type == "BASIC"
	input.attributes.scan_on_push == true
}

covered if rule_covers

covered if repository_setting_counts

deny contains {"msg": sprintf("images pushed to ECR repository %s are not scanned (%s scanning, no rule covers it%s)", [name, scanning.scan_type, basic_note]), "path": "attributes.registry_scanning.rules"} if {
	scanning.scan_type in {"BASIC", "ENHANCED"}
	readable_rules
	is_boolean(input.attributes.scan_on_push)
	not covered
}

basic_note := ", and its own scan on push is off" if scanning.scan_type == "BASIC"

else := ""

readable_rules if {
	is_array(scanning.rules)
	every rule in scanning.rules {
		is_string(rule.scan_frequency)
		is_array(rule.filters)
	}
}

unknown contains {"msg": "the repository's name is unknown", "path": "attributes.repository_name"} if {
	not is_string(lib.attr("repository_name"))
}

unknown contains {"msg": "the repository's scan-on-push setting is unknown", "path": "attributes.scan_on_push"} if {
	not covered
	not is_boolean(lib.attr("scan_on_push"))
}

unknown contains {"msg": "the registry's scanning configuration is unknown", "path": "attributes.registry_scanning"} if {
	not input.attributes.scan_on_push == true
	not is_string(lib.attr(["registry_scanning", "scan_type"]))
}

unknown contains {"msg": "the registry's scanning configuration is unknown: with enhanced scanning the repository's own setting is not used", "path": "attributes.registry_scanning"} if {
	input.attributes.scan_on_push == true
	not is_string(lib.attr(["registry_scanning", "scan_type"]))
}

unknown contains {"msg": "the registry's scanning rules are unreadable", "path": "attributes.registry_scanning.rules"} if {
	is_string(lib.attr(["registry_scanning", "scan_type"]))
	not is_array(lib.attr(["registry_scanning", "rules"]))
}

unknown contains {"msg": "the registry's scanning rules are unreadable", "path": "attributes.registry_scanning.rules"} if {
	is_array(scanning.rules)
	not readable_rules
	not covered
}

unknown contains {"msg": sprintf("the registry's scan type %s is not one Rampart knows", [scanning.scan_type]), "path": "attributes.registry_scanning.scan_type"} if {
	is_string(scanning.scan_type)
	not scanning.scan_type in {"BASIC", "ENHANCED"}
}
