# METADATA
# title: Owners active within the last six months
# description: >-
#   An account nobody uses is an account nobody would notice being taken
#   over; remove owners with no activity in 180 days. GitHub's API shows
#   activity only through SAML-authorized credentials (their last use), a
#   lower bound: a owner active on the web alone reads as inactive, and an
#   organisation without SAML leaves this not evaluated.
# custom:
#   id: GH-MEMBER-002
#   severity: medium
#   resource_types: [github.member]
#   frameworks:
#     cis-github-1.0: ["1.3.1"]
#     iso27001-2022: ["A.5.18", "A.8.2"]
#     nist-800-53-r5: ["AC-2(3)", "AC-2"]
#     soc2: ["CC6.2"]
#   equivalents:
#     legitify: [stale_admin_found]
#   remediation:
#     console: 'Organization → People → the owner → Remove from organization (or ask them to confirm they still need access).'
#     terraform: 'Remove the github_membership of the owner.'
package rampart.github.member.inactive_owner

import data.rampart.lib

applies if lib.attr("role") == "admin"

deny contains {"msg": sprintf("%s has shown no activity for %d days (more than 180)", [lib.label("login"), lib.days_since(input.attributes.last_active_at)]), "path": "attributes.last_active_at"} if {
	applies
	lib.days_since(input.attributes.last_active_at) > 180
}

unknown contains {"msg": "when the owner was last active is unknown", "path": "attributes.last_active_at"} if {
	applies
	not active_at_readable
}

unknown contains {"msg": "the member's role is unknown", "path": "attributes.role"} if {
	not is_string(lib.attr("role"))
}

active_at_readable if time.parse_rfc3339_ns(input.attributes.last_active_at)
