# METADATA
# title: The organization uses SAML single sign-on
# description: >-
#   With SAML SSO, access to the organization ends when the identity
#   provider account ends, and credentials must be authorized for it.
#   Knowable only on Enterprise Cloud with an owner token: otherwise not
#   evaluated.
# custom:
#   id: GH-ORG-015
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.5.16", "A.5.17"]
#     nist-800-53-r5: ["IA-2", "IA-8", "AC-2(1)"]
#     soc2: ["CC6.1", "CC6.2"]
#   equivalents:
#     legitify: [organization_not_using_single_sign_on]
#   remediation:
#     console: 'Organization settings → Authentication security → Enable SAML authentication (Enterprise Cloud), then Require SAML SSO.'
#     terraform: 'Not managed by the github provider: configure SAML in the organization or enterprise settings.'
package rampart.github.org.saml_sso

import data.rampart.lib

deny contains {"msg": "the organization does not use SAML single sign-on", "path": "attributes.saml_sso_enabled"} if {
	lib.attr(["saml_sso_enabled"]) == false
}

unknown contains {"msg": "whether the organization uses SAML single sign-on is unknown", "path": "attributes.saml_sso_enabled"} if {
	not is_boolean(lib.attr(["saml_sso_enabled"]))
}
