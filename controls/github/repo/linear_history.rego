# METADATA
# title: The default branch requires a linear history
# description: >-
#   Merge commits hide what was changed where; a linear history keeps
#   every change reviewable and revertible on its own.
# custom:
#   id: GH-REPO-010
#   severity: low
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.13"]
#     iso27001-2022: ["A.8.32"]
#     nist-800-53-r5: ["CM-3"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.13"]
#     legitify: [non_linear_history]
#     prowler: [repository_default_branch_requires_linear_history]
#   remediation:
#     console: 'Repository settings → Rules → Rulesets → Require linear history.'
#     terraform: 'github_repository_ruleset rules { required_linear_history = true } (or github_branch_protection required_linear_history = true).'
package rampart.github.repo.linear_history

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "the default branch accepts merge commits (linear history not required)", "path": "attributes.default_branch_protection.required_linear_history"} if {
	lib.not_archived
	protection.protected == true
	protection.required_linear_history == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.required_linear_history is unknown", "path": "attributes.default_branch_protection.required_linear_history"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "required_linear_history"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
