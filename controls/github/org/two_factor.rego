# METADATA
# title: Organization requires two-factor authentication
# description: >-
#   Every member and outside collaborator of the organization must have 2FA
#   enabled; GitHub removes those who do not when the requirement is on.
# custom:
#   id: GH-ORG-001
#   severity: high
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.3.5"]
#     iso27001-2022: ["A.5.17", "A.8.5"]
#     nist-800-53-r5: ["IA-2(1)", "IA-2(2)"]
#     soc2: ["CC6.1"]
#   equivalents:
#     cis-ssc: ["1.3.5", "4.2.3"]
#     legitify: [two_factor_authentication_not_required_for_org]
#     prowler: [organization_members_mfa_required]
#   remediation:
#     console: Organization settings → Authentication security → Require two-factor authentication.
#     terraform: Not settable through the integrations/github provider; set it in the organization settings.
package rampart.github.org.two_factor

import data.rampart.lib

deny contains {"msg": "the organization does not require two-factor authentication", "path": "attributes.two_factor_requirement_enabled"} if {
	input.attributes.two_factor_requirement_enabled == false
}

unknown contains {"msg": "two_factor_requirement_enabled is unknown (reading it needs an organization owner token)", "path": "attributes.two_factor_requirement_enabled"} if {
	not is_boolean(lib.attr("two_factor_requirement_enabled"))
}
