# METADATA
# title: The default GITHUB_TOKEN is read-only (organization default)
# description: >-
#   Workflows get the default token permissions unless they ask for
#   more; a write default hands every workflow, and every action it
#   runs, write access to the code.
# custom:
#   id: GH-ORG-004
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.8.2", "A.5.15"]
#     nist-800-53-r5: ["AC-6"]
#     soc2: ["CC6.3"]
#   equivalents:
#     legitify: [token_default_permissions_is_read_write]
#   remediation:
#     console: 'Organization settings → Actions → General → Workflow permissions → Read repository contents and packages permissions.'
#     terraform: 'github_workflow_organization_permissions default_workflow_permissions = "read" (or the organization settings).'
package rampart.github.org.actions_token

import data.rampart.lib

known := {"read", "write"}

deny contains {"msg": "the default GITHUB_TOKEN permission of the organization is write; it must be read", "path": "attributes.actions.default_workflow_permissions"} if {
	lib.attr(["actions", "default_workflow_permissions"]) == "write"
}

unknown contains {"msg": "the default GITHUB_TOKEN permission is unknown", "path": "attributes.actions.default_workflow_permissions"} if {
	not lib.attr(["actions", "default_workflow_permissions"]) in known
}
