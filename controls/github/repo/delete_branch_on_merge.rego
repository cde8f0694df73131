# METADATA
# title: Head branches are deleted when their pull request merges
# description: >-
#   Merged branches left behind pile up as stale code paths that can be
#   reopened, pushed to and confused with live work; delete them on merge.
# custom:
#   id: GH-REPO-028
#   severity: low
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.8"]
#     iso27001-2022: ["A.8.32"]
#     nist-800-53-r5: ["CM-3"]
#     soc2: ["CC8.1"]
#   equivalents:
#     prowler: [repository_branch_delete_on_merge_enabled]
#   remediation:
#     console: 'Repository settings → General → Pull Requests → tick Automatically delete head branches.'
#     terraform: 'github_repository delete_branch_on_merge = true.'
package rampart.github.repo.delete_branch_on_merge

import data.rampart.lib

deny contains {"msg": "head branches are kept after their pull request merges", "path": "attributes.delete_branch_on_merge"} if {
	lib.not_archived
	lib.attr("delete_branch_on_merge") == false
}

unknown contains {"msg": "whether head branches are deleted on merge is unknown", "path": "attributes.delete_branch_on_merge"} if {
	lib.not_archived
	not is_boolean(lib.attr("delete_branch_on_merge"))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
