# METADATA
# title: Members cannot delete or transfer repositories
# description: >-
#   Deleting or transferring a repository destroys or moves code and
#   history; only owners should be able to do it.
# custom:
#   id: GH-ORG-018
#   severity: high
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.2.3"]
#     iso27001-2022: ["A.8.2", "A.8.13"]
#     nist-800-53-r5: ["AC-6", "CP-9"]
#     soc2: ["CC6.1"]
#   equivalents:
#     cis-ssc: ["1.2.3"]
#     legitify: [memberes_allowed_repository_move_or_deletion]
#     prowler: [organization_repository_deletion_limited]
#   remediation:
#     console: 'Organization settings → Member privileges → Admin repository permissions → untick Allow members to delete or transfer repositories.'
#     terraform: 'Not managed by the github provider: change it in the organization settings.'
package rampart.github.org.repo_deletion

import data.rampart.lib

deny contains {"msg": "repository admins may delete or transfer repositories", "path": "attributes.members_can_delete_repositories"} if {
	lib.attr(["members_can_delete_repositories"]) == true
}

unknown contains {"msg": "whether members may delete or transfer repositories is unknown (needs an owner token)", "path": "attributes.members_can_delete_repositories"} if {
	not is_boolean(lib.attr(["members_can_delete_repositories"]))
}
