# METADATA
# title: Default branch is protected
# description: >-
#   The default branch is covered by classic branch protection or by a
#   repository or organization ruleset. Archived repositories are read-only
#   and pass.
# custom:
#   id: GH-REPO-001
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.20"]
#     iso27001-2022: ["A.8.32", "A.8.4"]
#     nist-800-53-r5: ["CM-3", "CM-5"]
#     soc2: ["CC8.1"]
#   equivalents:
#     legitify: [missing_default_branch_protection]
#     prowler: [repository_default_branch_protection_enabled]
#   remediation:
#     console: Repository settings → Rules → Rulesets → New branch ruleset targeting the default branch (or Branches → Add classic branch protection rule).
#     terraform: Add a github_repository_ruleset (target "branch", include "~DEFAULT_BRANCH") or a github_branch_protection for the default branch.
package rampart.github.repo.branch_protected

import data.rampart.lib

protection := input.attributes.default_branch_protection

deny contains {"msg": sprintf("default branch %q is not protected by branch protection or a ruleset", [lib.label("default_branch")]), "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
