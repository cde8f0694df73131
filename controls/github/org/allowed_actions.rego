# METADATA
# title: Only selected or local actions may run
# description: >-
#   Allowing every action on the marketplace lets any workflow pull and
#   run third-party code with the repository token; restrict to GitHub-
#   verified or allow-listed actions.
# custom:
#   id: GH-ORG-006
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["2.4.2"]
#     iso27001-2022: ["A.5.21", "A.8.30"]
#     nist-800-53-r5: ["SR-3", "CM-7(5)"]
#     soc2: ["CC6.8"]
#   equivalents:
#     legitify: [all_github_actions_are_allowed]
#   remediation:
#     console: 'Organization settings → Actions → General → Policies → Allow select actions and reusable workflows (or local only).'
#     terraform: 'github_actions_organization_permissions allowed_actions = "selected" with allowed_actions_config.'
package rampart.github.org.allowed_actions

import data.rampart.lib

known := {"all", "local_only", "selected"}

deny contains {"msg": "every action and reusable workflow may run in the organization", "path": "attributes.actions.allowed_actions"} if {
	lib.attr(["actions", "allowed_actions"]) == "all"
}

unknown contains {"msg": "the allowed-actions policy is unknown", "path": "attributes.actions.allowed_actions"} if {
	not lib.attr(["actions", "allowed_actions"]) in known
}
