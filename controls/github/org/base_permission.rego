# METADATA
# title: Base repository permission is none or read
# description: >-
#   The permission every member gets on every repository must not allow
#   writing; write access is granted per team and repository.
# custom:
#   id: GH-ORG-002
#   severity: high
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.3.8"]
#     iso27001-2022: ["A.5.15", "A.8.2"]
#     nist-800-53-r5: ["AC-6"]
#     soc2: ["CC6.3"]
#   equivalents:
#     cis-ssc: ["1.3.8", "2.3.5"]
#     prowler: [organization_default_repository_permission_strict]
#   remediation:
#     console: Organization settings → Member privileges → Base permissions → No permission or Read.
#     terraform: 'github_organization_settings: default_repository_permission = "read" (or "none").'
package rampart.github.org.base_permission

import data.rampart.lib

strict := {"none", "read"}

known := {"none", "read", "write", "admin"}

deny contains {"msg": sprintf("base repository permission is %q; it must be none or read", [perm]), "path": "attributes.default_repository_permission"} if {
	perm := input.attributes.default_repository_permission
	perm in known
	not perm in strict
}

unknown contains {"msg": "default_repository_permission is unknown or not one of none, read, write, admin", "path": "attributes.default_repository_permission"} if {
	not lib.attr("default_repository_permission") in known
}
