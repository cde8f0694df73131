# METADATA
# title: Organization Actions secrets are not visible to every repository
# description: >-
#   A secret available to all repositories can be read by any workflow in
#   any of them, including ones created tomorrow; give each secret to the
#   repositories that use it (visibility selected).
# custom:
#   id: GH-SECRET-002
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "AC-3"]
#     soc2: ["CC6.3"]
#   equivalents: {}
#   remediation:
#     console: 'Organization settings → Secrets and variables → Actions → the secret → Repository access: Selected repositories.'
#     terraform: 'github_actions_organization_secret visibility = "selected" with selected_repository_ids.'
package rampart.github.secret.org_visibility

import data.rampart.lib

secrets := lib.attr("actions_secrets")

deny contains {"msg": sprintf("organization secret %s is visible to every repository", [s.name]), "path": "attributes.actions_secrets"} if {
	some s in secrets
	is_string(s.name)
	s.visibility == "all"
}

unknown contains {"msg": "the organization Actions secrets are unknown", "path": "attributes.actions_secrets"} if {
	not is_array(secrets)
}

unknown contains {"msg": sprintf("the visibility of organization secret %d is unknown", [i]), "path": "attributes.actions_secrets"} if {
	some i, s in secrets
	not readable(s)
}

readable(s) if {
	is_string(s.name)
	s.visibility in {"all", "private", "selected"}
}
