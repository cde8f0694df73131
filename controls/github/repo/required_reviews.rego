# METADATA
# title: Changes to the default branch need approving reviews
# description: >-
#   Approving reviews are required before merging to the default branch:
#   the workspace setting required_approving_reviews (default 1), and at
#   least two for repositories of confidential or restricted systems.
#   Classic protection and rulesets are combined by the collector: the
#   strictest requirement applies.
# custom:
#   id: GH-REPO-002
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.1", "1.1.3"]
#     iso27001-2022: ["A.8.32", "A.8.28"]
#     nist-800-53-r5: ["CM-3(2)", "SA-11"]
#     soc2: ["CC8.1"]
#   equivalents:
#     cis-ssc: ["1.1.3"]
#     legitify: [code_review_by_two_members_not_required, code_review_not_required]
#     prowler: [repository_default_branch_requires_multiple_approvals]
#   remediation:
#     console: Default branch ruleset → Require a pull request before merging → Required approvals 1 (2 for confidential systems).
#     terraform: 'github_repository_ruleset rules { pull_request { required_approving_review_count = 2 } } or github_branch_protection required_pull_request_reviews { required_approving_review_count = 2 }.'
package rampart.github.repo.required_reviews

import data.rampart.lib

protection := input.attributes.default_branch_protection

# The workspace's minimum (input.settings.required_approving_reviews); a
# confidential or restricted system needs at least 2 whatever it says.
minimum := input.settings.required_approving_reviews

needed := max({minimum, 2}) if lib.confidential(input)

else := minimum

deny contains {"msg": "the default branch is not protected, so no review is required", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	protection.protected == false
}

deny contains {"msg": sprintf("%d approving review(s) required; this %s system needs %d", [got, object.get(input, ["system", "classification"], "unclassified"), needed]), "path": "attributes.default_branch_protection.required_approving_review_count"} if {
	lib.not_archived
	protection.protected == true
	got := protection.required_approving_review_count
	is_number(got)
	is_number(minimum)
	got < needed
}

unknown contains {"msg": "the protection of the default branch is unknown", "path": "attributes.default_branch_protection.protected"} if {
	lib.not_archived
	not is_boolean(lib.attr(["default_branch_protection", "protected"]))
}

unknown contains {"msg": "the required approving review count is unknown", "path": "attributes.default_branch_protection.required_approving_review_count"} if {
	lib.not_archived
	protection.protected == true
	not is_number(lib.attr(["default_branch_protection", "required_approving_review_count"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown

unknown contains {"msg": "the run gave no required_approving_reviews setting", "path": "settings.required_approving_reviews"} if {
	lib.not_archived
	not is_number(object.get(input, ["settings", "required_approving_reviews"], null))
}
