# METADATA
# title: Members cannot fork private repositories
# description: >-
#   A fork of a private repository lives under a personal account, outside
#   the organization policies and its removal when the member leaves.
# custom:
#   id: GH-ORG-016
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.5.12", "A.8.12"]
#     nist-800-53-r5: ["AC-3", "AC-4"]
#     soc2: ["CC6.1"]
#   equivalents:
#     legitify: [enterprise_allows_forking_repos]
#   remediation:
#     console: 'Organization settings → Member privileges → Repository forking → untick Allow forking of private repositories.'
#     terraform: 'github_organization_settings members_can_fork_private_repositories = false.'
package rampart.github.org.private_forks

import data.rampart.lib

deny contains {"msg": "members may fork private and internal repositories", "path": "attributes.members_can_fork_private_repositories"} if {
	lib.attr(["members_can_fork_private_repositories"]) == true
}

unknown contains {"msg": "whether members may fork private repositories is unknown (needs an owner token)", "path": "attributes.members_can_fork_private_repositories"} if {
	not is_boolean(lib.attr(["members_can_fork_private_repositories"]))
}
