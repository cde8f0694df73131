# METADATA
# title: Review conversations are resolved before merging
# description: >-
#   A review comment that asked for a change must be resolved before the
#   change is merged, or reviewer findings are silently dropped.
# custom:
#   id: GH-REPO-023
#   severity: low
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.11"]
#     iso27001-2022: ["A.8.32", "A.8.28"]
#     nist-800-53-r5: ["CM-3", "SA-11"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.11"]
#     legitify: [no_conversation_resolution]
#     prowler: [repository_default_branch_requires_conversation_resolution]
#   remediation:
#     console: 'Repository settings → Rules → Rulesets → Require a pull request → Require conversation resolution before merging.'
#     terraform: 'github_repository_ruleset pull_request { required_review_thread_resolution = true } (or github_branch_protection require_conversation_resolution = true).'
package rampart.github.repo.conversation_resolution

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "pull requests can be merged with unresolved review conversations", "path": "attributes.default_branch_protection.required_conversation_resolution"} if {
	lib.not_archived
	protection.protected == true
	protection.required_conversation_resolution == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.required_conversation_resolution is unknown", "path": "attributes.default_branch_protection.required_conversation_resolution"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "required_conversation_resolution"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
