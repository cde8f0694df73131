# METADATA
# title: No outside collaborator has admin access
# description: >-
#   An outside collaborator is not bound by the organization membership
#   rules (SSO, offboarding); with admin access they can change
#   protection, secrets and visibility.
# custom:
#   id: GH-REPO-019
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.3.7"]
#     iso27001-2022: ["A.5.18", "A.8.2", "A.5.19"]
#     nist-800-53-r5: ["AC-6(5)", "AC-2"]
#     soc2: ["CC6.2", "CC6.3"]
#   equivalents: {}
#   remediation:
#     console: 'Repository settings → Collaborators and teams: lower the outside collaborator to Write or less, or make them an organization member.'
#     terraform: 'github_repository_collaborator permission = "push" (or less) for outside collaborators.'
package rampart.github.repo.outside_admin

import data.rampart.lib

deny contains {"msg": sprintf("outside collaborator %q has admin access", [object.get(collab, "login", "(no login)")]), "path": sprintf("attributes.collaborators[%d].permission", [i])} if {
	some i, collab in input.attributes.collaborators
	collab.outside == true
	collab.permission == "admin"
}

unknown contains {"msg": "the collaborators are unknown", "path": "attributes.collaborators"} if {
	not is_array(lib.attr("collaborators"))
}

unknown contains {"msg": sprintf("whether admin collaborator %q is an outside collaborator is unknown", [object.get(collab, "login", "")]), "path": sprintf("attributes.collaborators[%d].outside", [i])} if {
	some i, collab in input.attributes.collaborators
	collab.permission == "admin"
	not is_boolean(object.get(collab, "outside", null))
}

# A collaborator whose permission cannot be read may be an admin.
unknown contains {"msg": sprintf("the permission of collaborator %d is unknown", [i]), "path": sprintf("attributes.collaborators[%d].permission", [i])} if {
	some i, collab in input.attributes.collaborators
	not is_string(permission(collab))
}

permission(collab) := object.get(collab, "permission", null) if is_object(collab)

else := null
