# METADATA
# title: Members cannot change repository visibility
# description: >-
#   A repository admin who can change visibility can make a private
#   repository public in one click; only owners should.
# custom:
#   id: GH-ORG-019
#   severity: high
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.5.15", "A.8.12"]
#     nist-800-53-r5: ["AC-3", "AC-22"]
#     soc2: ["CC6.1"]
#   equivalents:
#     legitify: [enterprise_not_using_visibility_change_disable_policy]
#   remediation:
#     console: 'Organization settings → Member privileges → Admin repository permissions → untick Allow members to change repository visibilities.'
#     terraform: 'Not managed by the github provider: change it in the organization settings.'
package rampart.github.org.visibility_change

import data.rampart.lib

deny contains {"msg": "repository admins may change repository visibility", "path": "attributes.members_can_change_repo_visibility"} if {
	lib.attr(["members_can_change_repo_visibility"]) == true
}

unknown contains {"msg": "whether members may change repository visibility is unknown (needs an owner token)", "path": "attributes.members_can_change_repo_visibility"} if {
	not is_boolean(lib.attr(["members_can_change_repo_visibility"]))
}
