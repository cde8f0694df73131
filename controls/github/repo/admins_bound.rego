# METADATA
# title: Administrators are bound by the default-branch protection
# description: >-
#   Protection that administrators can skip is protection a single
#   compromised admin account can skip. Classic protection must include
#   administrators, or a ruleset must apply without an admin bypass.
# custom:
#   id: GH-REPO-007
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.14"]
#     iso27001-2022: ["A.8.32", "A.8.2"]
#     nist-800-53-r5: ["CM-5", "AC-6(2)"]
#     soc2: ["CC8.1", "CC6.3"]
#   equivalents:
#     cis-ssc: ["1.1.14"]
#     prowler: [repository_default_branch_protection_applies_to_admins]
#   remediation:
#     console: 'Ruleset: remove Repository admin / Organization admin from the bypass list. Classic protection: tick Do not allow bypassing the above settings.'
#     terraform: 'github_repository_ruleset without a bypass_actors block for admins (or github_branch_protection enforce_admins = true).'
package rampart.github.repo.admins_bound

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "administrators may bypass the protection of the default branch", "path": "attributes.default_branch_protection.enforce_admins"} if {
	lib.not_archived
	protection.protected == true
	protection.enforce_admins == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.enforce_admins is unknown", "path": "attributes.default_branch_protection.enforce_admins"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "enforce_admins"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
