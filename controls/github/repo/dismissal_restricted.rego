# METADATA
# title: Only named actors may dismiss reviews
# description: >-
#   Anyone with write access who can dismiss a blocking review can remove
#   the review gate from their own pull request. Classic protection can
#   restrict dismissal to named users, teams or apps; rulesets have no
#   such setting, so a branch protected by rulesets alone fails.
# custom:
#   id: GH-REPO-026
#   severity: low
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.5"]
#     iso27001-2022: ["A.8.32", "A.8.2"]
#     nist-800-53-r5: ["CM-3", "AC-5"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.5"]
#     legitify: [review_dismissal_allowed]
#   remediation:
#     console: 'Branch protection rule → Require a pull request → Restrict who can dismiss pull request reviews → name the people or teams.'
#     terraform: 'github_branch_protection required_pull_request_reviews { restrict_dismissals = true, dismissal_restrictions = [...] }.'
package rampart.github.repo.dismissal_restricted

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "anyone with write access may dismiss reviews on the default branch", "path": "attributes.default_branch_protection.dismissal_restricted"} if {
	lib.not_archived
	protection.protected == true
	protection.dismissal_restricted == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.dismissal_restricted is unknown", "path": "attributes.default_branch_protection.dismissal_restricted"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "dismissal_restricted"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
