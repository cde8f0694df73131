# METADATA
# title: Workflows cannot approve pull requests (organization default)
# description: >-
#   The organization default decides whether the GITHUB_TOKEN of every
#   repository may approve pull requests, bypassing human review.
# custom:
#   id: GH-ORG-005
#   severity: high
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.8.32", "A.8.2"]
#     nist-800-53-r5: ["AC-5", "CM-5"]
#     soc2: ["CC8.1"]
#   equivalents:
#     legitify: [actions_can_approve_pull_requests]
#   remediation:
#     console: 'Organization settings → Actions → General → Workflow permissions → untick Allow GitHub Actions to create and approve pull requests.'
#     terraform: 'github_workflow_organization_permissions can_approve_pull_request_reviews = false (provider ≥ 6.x) or the organization settings.'
package rampart.github.org.actions_approve

import data.rampart.lib

deny contains {"msg": "GitHub Actions may approve pull requests in the organization", "path": "attributes.actions.can_approve_pull_request_reviews"} if {
	lib.attr(["actions", "can_approve_pull_request_reviews"]) == true
}

unknown contains {"msg": "whether GitHub Actions may approve pull requests is unknown (needs admin:org)", "path": "attributes.actions.can_approve_pull_request_reviews"} if {
	not is_boolean(lib.attr(["actions", "can_approve_pull_request_reviews"]))
}
