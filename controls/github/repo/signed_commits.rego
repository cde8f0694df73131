# METADATA
# title: Confidential systems require signed commits on the default branch
# description: >-
#   Signed, verified commits tie every change to a key its author holds,
#   so a stolen password alone cannot forge history. Required for
#   confidential and restricted systems, or for every repository when the
#   workspace says signed_commits = "all".
# custom:
#   id: GH-REPO-009
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.12"]
#     iso27001-2022: ["A.8.32", "A.8.24"]
#     nist-800-53-r5: ["CM-14", "SI-7"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.12"]
#     legitify: [no_signed_commits]
#     prowler: [repository_default_branch_requires_signed_commits]
#   remediation:
#     console: 'Repository settings → Rules → Rulesets → Require signed commits.'
#     terraform: 'github_repository_ruleset rules { required_signatures = true } (or github_branch_protection require_signed_commits = true).'
package rampart.github.repo.signed_commits

import data.rampart.lib

protection := input.attributes.default_branch_protection

# in_scope: the workspace's signed_commits scope (input.settings) covers
# this repository's system.
in_scope if {
	input.settings.signed_commits == "confidential"
	lib.confidential(input)
}

in_scope if input.settings.signed_commits == "all"

applies if {
	lib.not_archived
	in_scope
}

deny contains {"msg": "the default branch is not protected, so unsigned commits are accepted", "path": "attributes.default_branch_protection.protected"} if {
	applies
	protection.protected == false
}

deny contains {"msg": "the default branch accepts unsigned commits", "path": "attributes.default_branch_protection.required_signatures"} if {
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
	in_scope
	lib.archived_unknown
}

unknown contains {"msg": "the run gave no signed_commits setting (all or confidential)", "path": "settings.signed_commits"} if {
	not object.get(input, ["settings", "signed_commits"], null) in {"all", "confidential"}
}
