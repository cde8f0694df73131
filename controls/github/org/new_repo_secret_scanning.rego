# METADATA
# title: New repositories get secret scanning and push protection
# description: >-
#   Security features enabled by default for new repositories mean a
#   repository created tomorrow is not the one that leaks a credential.
# custom:
#   id: GH-ORG-008
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.5.1"]
#     iso27001-2022: ["A.8.12", "A.8.9"]
#     nist-800-53-r5: ["CM-2", "IA-5(7)"]
#     soc2: ["CC6.1"]
#   equivalents: {}
#   remediation:
#     console: 'Organization settings → Code security → Configurations: apply a configuration with secret scanning and push protection to new repositories.'
#     terraform: 'github_organization_settings secret_scanning_enabled_for_new_repositories = true and secret_scanning_push_protection_enabled_for_new_repositories = true.'
package rampart.github.org.new_repo_secret_scanning

import data.rampart.lib

deny contains {"msg": "secret scanning is not enabled for new repositories", "path": "attributes.new_repository_security.secret_scanning"} if {
	lib.attr(["new_repository_security", "secret_scanning"]) == false
}

deny contains {"msg": "push protection is not enabled for new repositories", "path": "attributes.new_repository_security.secret_scanning_push_protection"} if {
	lib.attr(["new_repository_security", "secret_scanning_push_protection"]) == false
}

unknown contains {"msg": "new_repository_security.secret_scanning is unknown (needs an owner token)", "path": "attributes.new_repository_security.secret_scanning"} if {
	not is_boolean(lib.attr(["new_repository_security", "secret_scanning"]))
}

unknown contains {"msg": "new_repository_security.secret_scanning_push_protection is unknown (needs an owner token)", "path": "attributes.new_repository_security.secret_scanning_push_protection"} if {
	not is_boolean(lib.attr(["new_repository_security", "secret_scanning_push_protection"]))
}
