# METADATA
# title: Members cannot create public repositories
# description: >-
#   Only owners should decide what the organization publishes; a member
#   creating a public repository can expose internal code.
# custom:
#   id: GH-ORG-003
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.2.2"]
#     iso27001-2022: ["A.5.15", "A.8.12"]
#     nist-800-53-r5: ["AC-3", "AC-22"]
#     soc2: ["CC6.1"]
#   equivalents:
#     legitify: [non_admins_can_create_public_repositories]
#   remediation:
#     console: 'Organization settings → Member privileges → Repository creation → untick Public.'
#     terraform: 'github_organization_settings members_can_create_public_repositories = false.'
package rampart.github.org.public_repo_creation

import data.rampart.lib

deny contains {"msg": "members may create public repositories", "path": "attributes.members_can_create_public_repositories"} if {
	lib.attr(["members_can_create_public_repositories"]) == true
}

unknown contains {"msg": "whether members may create public repositories is unknown (needs an owner token)", "path": "attributes.members_can_create_public_repositories"} if {
	not is_boolean(lib.attr(["members_can_create_public_repositories"]))
}
