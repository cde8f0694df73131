# METADATA
# title: A repository has at most three administrators, team-granted included
# description: >-
#   Every repository administrator can change its protection, its secrets
#   and who else may administer it. Counted are the direct collaborators
#   with admin permission and the members of every team with admin
#   permission on the repository (child teams' members included, as GitHub
#   lists them); organisation owners, administrators of every repository,
#   are bounded by GH-ORG-007 instead. Unknown, not a pass, when the teams
#   could not all be read or the token is not proven an owner's (secret
#   teams are hidden from others).
# custom:
#   id: GH-REPO-034
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.8.2", "A.5.15"]
#     nist-800-53-r5: ["AC-6(5)", "AC-2"]
#     soc2: ["CC6.3"]
#   equivalents:
#     legitify: [repository_has_too_many_admins]
#   remediation:
#     console: 'Repository settings → Collaborators and teams: give write or maintain instead of admin; or lower the admin teams (Organization → Teams → the team → Repositories).'
#     terraform: 'github_repository_collaborator / github_team_repository permission = "maintain" (or lower) for all but a few administrators.'
package rampart.github.repo.admin_count

import data.rampart.lib

max_admins := 3

admins := lib.attr("admins")

deny contains {"msg": sprintf("the repository has %d administrators (%s); at most %d are allowed", [count(admins), concat(", ", admins), max_admins]), "path": "attributes.admins"} if {
	is_array(admins)
	count(admins) > max_admins
}

unknown contains {"msg": "the repository's administrators are unknown", "path": "attributes.admins"} if {
	not is_array(admins)
}
