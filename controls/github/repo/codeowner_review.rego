# METADATA
# title: Code-owner review is required where CODEOWNERS exists
# description: >-
#   A CODEOWNERS file only protects sensitive paths when the default
#   branch requires the code owners to approve; repositories without one
#   pass (GH-REPO-011 asks for one).
# custom:
#   id: GH-REPO-005
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.7"]
#     iso27001-2022: ["A.8.32", "A.8.4"]
#     nist-800-53-r5: ["CM-3", "CM-5"]
#     soc2: ["CC8.1"]
#   equivalents: {}
#   remediation:
#     console: 'Repository settings → Rules → Rulesets → Require a pull request → Require review from Code Owners.'
#     terraform: 'github_repository_ruleset pull_request { require_code_owner_review = true } (or github_branch_protection required_pull_request_reviews.require_code_owner_reviews = true).'
package rampart.github.repo.codeowner_review

import data.rampart.lib

protection := input.attributes.default_branch_protection

applies if {
	lib.not_archived
	input.attributes.has_codeowners == true
}

deny contains {"msg": "the repository has a CODEOWNERS file but the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	applies
	protection.protected == false
}

deny contains {"msg": "the repository has a CODEOWNERS file but code-owner review is not required", "path": "attributes.default_branch_protection.require_code_owner_reviews"} if {
	applies
	protection.protected == true
	protection.require_code_owner_reviews == false
}

unknown contains {"msg": "whether the repository has a CODEOWNERS file is unknown", "path": "attributes.has_codeowners"} if {
	lib.not_archived
	not is_boolean(lib.attr("has_codeowners"))
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	applies
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "whether code-owner review is required is unknown", "path": "attributes.default_branch_protection.require_code_owner_reviews"} if {
	applies
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "require_code_owner_reviews"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
