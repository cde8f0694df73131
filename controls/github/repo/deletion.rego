# METADATA
# title: The default branch cannot be deleted
# description: >-
#   Deleting the default branch destroys the reviewed history and breaks
#   every deployment built from it.
# custom:
#   id: GH-REPO-006
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.17"]
#     iso27001-2022: ["A.8.32", "A.8.13"]
#     nist-800-53-r5: ["CM-5", "CP-9"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.17"]
#     legitify: [missing_default_branch_protection_deletion]
#     prowler: [repository_default_branch_deletion_disabled]
#   remediation:
#     console: 'Repository settings → Rules → Rulesets → the default-branch ruleset → Restrict deletions (classic: do not tick Allow deletions).'
#     terraform: 'github_repository_ruleset rules { deletion = true } targeting ~DEFAULT_BRANCH (or github_branch_protection allows_deletions = false).'
package rampart.github.repo.deletion

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "the default branch may be deleted", "path": "attributes.default_branch_protection.allow_deletions"} if {
	lib.not_archived
	protection.protected == true
	protection.allow_deletions == true
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.allow_deletions is unknown", "path": "attributes.default_branch_protection.allow_deletions"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "allow_deletions"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
