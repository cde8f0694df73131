# METADATA
# title: GitHub Actions runs only in selected repositories
# description: >-
#   Actions enabled for every repository lets any new or forgotten
#   repository run workflows with the organization's runners and secrets;
#   enable it for the repositories that need it (or none).
# custom:
#   id: GH-ORG-014
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.8.19", "A.8.2"]
#     nist-800-53-r5: ["CM-7", "CM-11"]
#     soc2: ["CC6.8"]
#   equivalents:
#     legitify: [all_repositories_can_run_github_actions]
#   remediation:
#     console: 'Organization settings → Actions → General → Policies → Allow for selected repositories.'
#     terraform: 'github_actions_organization_permissions enabled_repositories = "selected" with enabled_repositories_config.'
package rampart.github.org.actions_repositories

import data.rampart.lib

deny contains {"msg": "GitHub Actions is enabled for every repository", "path": "attributes.actions.enabled_repositories"} if {
	lib.attr(["actions", "enabled_repositories"]) == "all"
}

unknown contains {"msg": "which repositories may run GitHub Actions is unknown (needs an owner token)", "path": "attributes.actions.enabled_repositories"} if {
	not lib.attr(["actions", "enabled_repositories"]) in {"all", "selected", "none"}
}
