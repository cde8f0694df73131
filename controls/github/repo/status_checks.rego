# METADATA
# title: Required status checks gate the default branch
# description: >-
#   Merges to the default branch must wait for the CI checks (tests,
#   scanners) to pass; without a named required check a red build can be
#   merged.
# custom:
#   id: GH-REPO-008
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.9"]
#     iso27001-2022: ["A.8.32", "A.8.29"]
#     nist-800-53-r5: ["CM-3", "SA-11"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.9"]
#     legitify: [requires_status_checks]
#     prowler: [repository_default_branch_status_checks_required]
#   remediation:
#     console: 'Repository settings → Rules → Rulesets → Require status checks to pass, and add the CI checks.'
#     terraform: 'github_repository_ruleset rules { required_status_checks { required_check { context = "ci" } } } (or github_branch_protection required_status_checks.contexts).'
package rampart.github.repo.status_checks

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "no status check is required before merging to the default branch", "path": "attributes.default_branch_protection.required_status_checks_enabled"} if {
	lib.not_archived
	protection.protected == true
	protection.required_status_checks_enabled == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.required_status_checks_enabled is unknown", "path": "attributes.default_branch_protection.required_status_checks_enabled"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "required_status_checks_enabled"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
