# METADATA
# title: Only named actors may push or merge to the default branch
# description: >-
#   Restricting who can push to the default branch keeps a write-access
#   account from updating it directly or merging on its own. Classic
#   protection restrictions or a ruleset that restricts updates count.
# custom:
#   id: GH-REPO-027
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.15"]
#     iso27001-2022: ["A.8.32", "A.8.3"]
#     nist-800-53-r5: ["CM-5", "AC-3"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.15"]
#     legitify: [pushes_are_not_restricted]
#   remediation:
#     console: 'Branch protection rule → Restrict who can push to matching branches (or a ruleset with Restrict updates and a bypass list of the release team).'
#     terraform: 'github_branch_protection restrict_pushes { push_allowances = [...] } (or github_repository_ruleset rules { update = true }).'
package rampart.github.repo.push_restricted

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": "the default branch is not protected", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": "anyone with write access may push or merge to the default branch", "path": "attributes.default_branch_protection.restricts_pushes"} if {
	lib.not_archived
	protection.protected == true
	protection.restricts_pushes == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "default_branch_protection.restricts_pushes is unknown", "path": "attributes.default_branch_protection.restricts_pushes"} if {
	lib.not_archived
	protection.protected == true
	not is_boolean(lib.attr(["default_branch_protection", "restricts_pushes"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
