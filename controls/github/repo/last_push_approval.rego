# METADATA
# title: The last push is approved by someone other than its author
# description: >-
#   Without it, a reviewer approves, the author pushes one more commit,
#   and that commit merges unreviewed (stale reviews dismissed or not).
#   The most recent push must be approved by someone else.
# custom:
#   id: GH-REPO-025
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.4"]
#     iso27001-2022: ["A.8.32", "A.8.28"]
#     nist-800-53-r5: ["CM-3", "SA-11"]
#     soc2: ["CC8.1"]
#   equivalents: {}
#   remediation:
#     console: 'Default branch ruleset → Require a pull request → Require approval of the most recent reviewable push.'
#     terraform: 'github_repository_ruleset rules { pull_request { require_last_push_approval = true } } (or github_branch_protection required_pull_request_reviews { require_last_push_approval = true }).'
package rampart.github.repo.last_push_approval

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "the most recent push can be merged without approval by someone other than its author", "path": "attributes.default_branch_protection.require_last_push_approval"} if {
	lib.not_archived
	protection.protected == true
	protection.require_last_push_approval == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.require_last_push_approval is unknown", "path": "attributes.default_branch_protection.require_last_push_approval"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "require_last_push_approval"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
