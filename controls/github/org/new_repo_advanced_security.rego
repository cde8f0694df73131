# METADATA
# title: Advanced Security is enabled for new repositories
# description: >-
#   New repositories get GitHub Advanced Security (code scanning, secret
#   scanning) from the start instead of when someone remembers.
# custom:
#   id: GH-ORG-012
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.5.1"]
#     iso27001-2022: ["A.8.8", "A.8.29"]
#     nist-800-53-r5: ["RA-5", "SA-11"]
#     soc2: ["CC7.1"]
#   equivalents:
#     legitify: [enable_ghas_for_new_orgs]
#   remediation:
#     console: 'Organization settings → Code security → Configurations → apply a configuration with Advanced Security to new repositories.'
#     terraform: 'github_organization_settings advanced_security_enabled_for_new_repositories = true.'
package rampart.github.org.new_repo_advanced_security

import data.rampart.lib

deny contains {"msg": "Advanced Security is not enabled for new repositories", "path": "attributes.new_repository_security.advanced_security"} if {
	lib.attr(["new_repository_security", "advanced_security"]) == false
}

unknown contains {"msg": "whether Advanced Security is enabled for new repositories is unknown (needs an owner token)", "path": "attributes.new_repository_security.advanced_security"} if {
	not is_boolean(lib.attr(["new_repository_security", "advanced_security"]))
}
