# METADATA
# title: The default GITHUB_TOKEN is read-only in the repository
# description: >-
#   A write default gives every workflow of the repository, and every
#   third-party action it runs, write access to the code and releases.
# custom:
#   id: GH-REPO-016
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.8.2", "A.5.15"]
#     nist-800-53-r5: ["AC-6"]
#     soc2: ["CC6.3"]
#   equivalents:
#     legitify: [token_default_permissions_is_read_write]
#   remediation:
#     console: 'Repository settings → Actions → General → Workflow permissions → Read repository contents and packages permissions.'
#     terraform: 'github_workflow_repository_permissions default_workflow_permissions = "read".'
package rampart.github.repo.actions_token

import data.rampart.lib

known := {"read", "write"}

deny contains {"msg": "the default GITHUB_TOKEN permission of the repository is write; it must be read", "path": "attributes.actions.default_workflow_permissions"} if {
	lib.attr(["actions", "default_workflow_permissions"]) == "write"
}

unknown contains {"msg": "the default GITHUB_TOKEN permission is unknown", "path": "attributes.actions.default_workflow_permissions"} if {
	not lib.attr(["actions", "default_workflow_permissions"]) in known
}
