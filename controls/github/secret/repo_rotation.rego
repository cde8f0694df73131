# METADATA
# title: Repository Actions secrets were rotated within a year
# description: >-
#   A repository secret unchanged for over a year has outlived staff
#   changes and leaks it may have been part of; rotate it at least yearly.
#   Only names and dates are collected, never values.
# custom:
#   id: GH-SECRET-003
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.5.17", "A.8.24"]
#     nist-800-53-r5: ["IA-5(1)", "SC-12"]
#     soc2: ["CC6.1"]
#   equivalents:
#     legitify: [repository_secret_is_stale]
#   remediation:
#     console: 'Rotate the credential at its issuer, then Repository settings → Secrets and variables → Actions → Update the secret.'
#     terraform: 'github_actions_secret with a new value (rotated at the issuer).'
package rampart.github.secret.repo_rotation

import data.rampart.lib

secrets := lib.attr("actions_secrets")

deny contains {"msg": sprintf("repository secret %s was last updated %d days ago (more than 365)", [s.name, lib.days_since(s.updated_at)]), "path": "attributes.actions_secrets"} if {
	lib.not_archived
	some s in secrets
	is_string(s.name)
	lib.days_since(s.updated_at) > 365
}

unknown contains {"msg": "the repository Actions secrets are unknown", "path": "attributes.actions_secrets"} if {
	lib.not_archived
	not is_array(secrets)
}

unknown contains {"msg": sprintf("when repository secret %d was last updated is unknown", [i]), "path": "attributes.actions_secrets"} if {
	lib.not_archived
	some i, s in secrets
	not readable(s)
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown

readable(s) if {
	is_string(s.name)
	time.parse_rfc3339_ns(s.updated_at)
}
