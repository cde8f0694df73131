# METADATA
# title: Organization Actions secrets were rotated within a year
# description: >-
#   A secret unchanged for over a year has outlived staff changes and
#   leaks it may have been part of; rotate organization Actions secrets at
#   least yearly. Only names and dates are collected, never values.
# custom:
#   id: GH-SECRET-001
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.5.17", "A.8.24"]
#     nist-800-53-r5: ["IA-5(1)", "SC-12"]
#     soc2: ["CC6.1"]
#   equivalents:
#     legitify: [organization_secret_is_stale]
#   remediation:
#     console: 'Rotate the credential at its issuer, then Organization settings → Secrets and variables → Actions → Update the secret.'
#     terraform: 'github_actions_organization_secret with a new value (rotated at the issuer).'
package rampart.github.secret.org_rotation

import data.rampart.lib

secrets := lib.attr("actions_secrets")

deny contains {"msg": sprintf("organization secret %s was last updated %d days ago (more than 365)", [s.name, lib.days_since(s.updated_at)]), "path": "attributes.actions_secrets"} if {
	some s in secrets
	is_string(s.name)
	lib.days_since(s.updated_at) > 365
}

unknown contains {"msg": "the organization Actions secrets are unknown", "path": "attributes.actions_secrets"} if {
	not is_array(secrets)
}

unknown contains {"msg": sprintf("when organization secret %d was last updated is unknown", [i]), "path": "attributes.actions_secrets"} if {
	some i, s in secrets
	not readable(s)
}

readable(s) if {
	is_string(s.name)
	time.parse_rfc3339_ns(s.updated_at)
}
