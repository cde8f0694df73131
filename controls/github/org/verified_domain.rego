# METADATA
# title: The organization has a verified domain
# description: >-
#   A verified domain shows users and partners that the organization is
#   who it claims to be, and lets notifications be limited to addresses on
#   that domain.
# custom:
#   id: GH-ORG-011
#   severity: low
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.3.9"]
#     iso27001-2022: ["A.5.14"]
#     nist-800-53-r5: ["IA-9"]
#     soc2: ["CC6.1"]
#   equivalents:
#     cis-ssc: ["1.3.9"]
#     prowler: [organization_verified_badge]
#   remediation:
#     console: 'Organization settings → Verified and approved domains → Add a domain and publish the TXT record.'
#     terraform: 'Not managed by the github provider: verify the domain in the organization settings.'
package rampart.github.org.verified_domain

import data.rampart.lib

deny contains {"msg": "the organization has no verified domain", "path": "attributes.is_verified"} if {
	lib.attr(["is_verified"]) == false
}

unknown contains {"msg": "whether the organization is verified is unknown", "path": "attributes.is_verified"} if {
	not is_boolean(lib.attr(["is_verified"]))
}
