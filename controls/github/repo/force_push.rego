# METADATA
# title: Force pushes to the default branch are blocked
# description: >-
#   A force push rewrites history and can remove reviewed commits; the
#   default branch must block it for everyone.
# custom:
#   id: GH-REPO-003
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.16"]
#     iso27001-2022: ["A.8.32"]
#     nist-800-53-r5: ["CM-5"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.16"]
#     legitify: [missing_default_branch_protection_force_push]
#     prowler: [repository_default_branch_disallows_force_push]
#   remediation:
#     console: Default branch ruleset → enable "Block force pushes" (classic protection → leave "Allow force pushes" off).
#     terraform: 'github_repository_ruleset rules { non_fast_forward = true } or github_branch_protection allows_force_pushes = false.'
package rampart.github.repo.force_push

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected, so force pushes are allowed", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "force pushes to the default branch are allowed", "path": "attributes.default_branch_protection.allow_force_pushes"} if {
	lib.not_archived
	protection.protected == true
	protection.allow_force_pushes == true
}

unknown contains {"msg": "whether force pushes are allowed is unknown", "path": "attributes.default_branch_protection.allow_force_pushes"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "allow_force_pushes"]))
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
