# METADATA
# title: Only owners may invite outside collaborators
# description: >-
#   Outside collaborators get repository access without organization
#   membership or its reviews; owners alone should grant it.
# custom:
#   id: GH-ORG-020
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.5.18", "A.5.19"]
#     nist-800-53-r5: ["AC-2", "PS-7"]
#     soc2: ["CC6.2"]
#   equivalents:
#     legitify: [enterprise_allows_inviting_externals_collaborators]
#   remediation:
#     console: 'Organization settings → Member privileges → Repository invitations → untick Allow repository administrators to invite outside collaborators.'
#     terraform: 'Not managed by the github provider: change it in the organization settings.'
package rampart.github.org.outside_invites

import data.rampart.lib

deny contains {"msg": "repository admins may invite outside collaborators", "path": "attributes.members_can_invite_outside_collaborators"} if {
	lib.attr(["members_can_invite_outside_collaborators"]) == true
}

unknown contains {"msg": "whether repository admins may invite outside collaborators is unknown (needs an owner token)", "path": "attributes.members_can_invite_outside_collaborators"} if {
	not is_boolean(lib.attr(["members_can_invite_outside_collaborators"]))
}
