# METADATA
# title: Workflows cannot approve pull requests in the repository
# description: >-
#   A workflow allowed to approve pull requests lets anyone who can push
#   a workflow satisfy the review requirement with the GITHUB_TOKEN.
# custom:
#   id: GH-REPO-017
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.8.32", "A.8.2"]
#     nist-800-53-r5: ["AC-5", "CM-5"]
#     soc2: ["CC8.1"]
#   equivalents:
#     legitify: [actions_can_approve_pull_requests]
#   remediation:
#     console: 'Repository settings → Actions → General → Workflow permissions → untick Allow GitHub Actions to create and approve pull requests.'
#     terraform: 'github_actions_repository_permissions cannot set it; use github_workflow_repository_permissions can_approve_pull_request_reviews = false.'
package rampart.github.repo.actions_approve

import data.rampart.lib

deny contains {"msg": "GitHub Actions may approve pull requests", "path": "attributes.actions.can_approve_pull_request_reviews"} if {
	lib.not_archived
	lib.attr(["actions", "can_approve_pull_request_reviews"]) == true
}

unknown contains {"msg": "whether GitHub Actions may approve pull requests is unknown", "path": "attributes.actions.can_approve_pull_request_reviews"} if {
	lib.not_archived
	not is_boolean(lib.attr(["actions", "can_approve_pull_request_reviews"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
