# METADATA
# title: Confidential systems require signed commits on the default branch
# description: >-
#   Signed, verified commits tie every change to a key its author holds,
#   so a stolen password alone cannot forge history. Required for
#   confidential and restricted systems.
# custom:
#   id: GH-REPO-009
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.12"]
#     iso27001-2022: ["A.8.32", "A.8.24"]
#     nist-800-53-r5: ["CM-14", "SI-7"]
#     soc2: ["CC8.1"]
#   equivalents: {}
#   remediation:
#     console: 'Repository settings → Rules → Rulesets → Require signed commits.'
#     terraform: 'github_repository_ruleset rules { required_signatures = true } (or github_branch_protection require_signed_commits = true).'
package rampart.github.repo.signed_commits

import data.rampart.lib

protection := input.attributes.default_branch_protection

applies if {
	lib.not_archived
	lib.confidential(input)
}

deny contains {"msg": "the default branch of a confidential system is not protected, so unsigned commits are accepted", "path": "attributes.default_branch_protection.protected"} if {
	applies
	protection.protected == false
}

deny contains {"msg": "the default branch of a confidential system accepts unsigned commits", "path": "attributes.default_branch_protection.required_signatures"} if {
	applies
	protection.protected == true
	protection.required_signatures == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	applies
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "whether signed commits are required is unknown", "path": "attributes.default_branch_protection.required_signatures"} if {
	applies
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "required_signatures"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if {
	lib.confidential(input)
	lib.archived_unknown
}
