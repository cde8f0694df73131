# METADATA
# title: Every member and outside collaborator has two-factor authentication
# description: >-
#   Checked per person, so it holds even where the organization-wide
#   requirement is off or cannot be read.
# custom:
#   id: GH-MEMBER-001
#   severity: high
#   resource_types: [github.member]
#   frameworks:
#     cis-github-1.0: ["1.3.5", "1.3.4"]
#     iso27001-2022: ["A.5.17", "A.8.5"]
#     nist-800-53-r5: ["IA-2(1)", "IA-2(2)"]
#     soc2: ["CC6.1"]
#   equivalents: {}
#   remediation:
#     console: 'Ask the person to enable 2FA (Settings → Password and authentication), or remove them from the organization.'
#     terraform: 'Not settable per user; require 2FA for the organization (GH-ORG-001).'
package rampart.github.member.two_factor

import data.rampart.lib

# The role only words the message, so it is read in the head, with a default.
deny contains {"msg": sprintf("%s %q has two-factor authentication disabled", [object.get(input.attributes, "role", "member"), lib.label("login")]), "path": "attributes.two_factor_disabled"} if {
	input.attributes.two_factor_disabled == true
}

unknown contains {"msg": "whether two-factor authentication is enabled is unknown (only owners may list members without 2FA)", "path": "attributes.two_factor_disabled"} if {
	not is_boolean(lib.attr("two_factor_disabled"))
}
