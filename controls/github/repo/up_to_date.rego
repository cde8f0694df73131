# METADATA
# title: Branches are up to date before merging
# description: >-
#   Required status checks must have run against the latest default
#   branch: a pull request tested against an old base can merge a
#   combination nobody tested. Classic protection and rulesets are
#   combined by the collector.
# custom:
#   id: GH-REPO-024
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.10"]
#     iso27001-2022: ["A.8.32", "A.8.28"]
#     nist-800-53-r5: ["CM-3", "SA-11"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.10"]
#     legitify: [requires_branches_up_to_date_before_merge]
#   remediation:
#     console: 'Default branch ruleset → Require status checks to pass → Require branches to be up to date before merging.'
#     terraform: 'github_repository_ruleset rules { required_status_checks { strict_required_status_checks_policy = true } } (or github_branch_protection required_status_checks { strict = true }).'
package rampart.github.repo.up_to_date

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "pull requests can merge without being up to date with the default branch", "path": "attributes.default_branch_protection.required_status_checks_strict"} if {
	lib.not_archived
	protection.protected == true
	protection.required_status_checks_strict == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.required_status_checks_strict is unknown", "path": "attributes.default_branch_protection.required_status_checks_strict"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "required_status_checks_strict"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
