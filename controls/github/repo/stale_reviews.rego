# METADATA
# title: New commits dismiss earlier approvals on the default branch
# description: >-
#   An approval covers the code that was reviewed; a push after it must
#   require a new review, or unreviewed code can be merged on an old
#   approval.
# custom:
#   id: GH-REPO-004
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.4"]
#     iso27001-2022: ["A.8.32", "A.8.4"]
#     nist-800-53-r5: ["CM-3", "SA-10"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.4"]
#     legitify: [dismisses_stale_reviews]
#     prowler: [repository_default_branch_dismisses_stale_reviews]
#   remediation:
#     console: 'Repository settings → Rules → Rulesets → the default-branch ruleset → Require a pull request → Dismiss stale pull request approvals when new commits are pushed.'
#     terraform: 'github_repository_ruleset (target "branch", include "~DEFAULT_BRANCH") with a pull_request rule setting dismiss_stale_reviews_on_push = true (or github_branch_protection required_pull_request_reviews.dismiss_stale_reviews = true).'
package rampart.github.repo.stale_reviews

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "approvals are kept when new commits are pushed to a pull request", "path": "attributes.default_branch_protection.dismiss_stale_reviews"} if {
	lib.not_archived
	protection.protected == true
	protection.dismiss_stale_reviews == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.dismiss_stale_reviews is unknown", "path": "attributes.default_branch_protection.dismiss_stale_reviews"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "dismiss_stale_reviews"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
