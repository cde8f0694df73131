# METADATA
# title: Members cannot create repositories
# description: >-
#   Repository creation is limited to owners (or an allow-listed team), so
#   every repository has a known owner and the organisation defaults are
#   applied on purpose. GH-ORG-003 covers public repositories alone.
# custom:
#   id: GH-ORG-010
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.2.2"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-3", "AC-6"]
#     soc2: ["CC6.1"]
#   equivalents:
#     cis-ssc: ["1.2.2"]
#     prowler: [organization_repository_creation_limited]
#   remediation:
#     console: 'Organization settings → Member privileges → Repository creation → untick Public, Private and Internal.'
#     terraform: 'github_organization_settings members_can_create_repositories = false.'
package rampart.github.org.repo_creation

import data.rampart.lib

deny contains {"msg": "members may create repositories", "path": "attributes.members_can_create_repositories"} if {
	lib.attr(["members_can_create_repositories"]) == true
}

unknown contains {"msg": "whether members may create repositories is unknown (needs an owner token)", "path": "attributes.members_can_create_repositories"} if {
	not is_boolean(lib.attr(["members_can_create_repositories"]))
}
