# METADATA
# title: New repositories get Dependabot alerts and security updates
# description: >-
#   Dependabot enabled by default for new repositories closes the gap
#   between creating a repository and learning about its vulnerable
#   dependencies.
# custom:
#   id: GH-ORG-009
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.5.5"]
#     iso27001-2022: ["A.8.8", "A.8.9"]
#     nist-800-53-r5: ["CM-2", "RA-5"]
#     soc2: ["CC7.1"]
#   equivalents: {}
#   remediation:
#     console: 'Organization settings → Code security → Configurations: enable Dependabot alerts and security updates for new repositories.'
#     terraform: 'github_organization_settings dependabot_alerts_enabled_for_new_repositories = true and dependabot_security_updates_enabled_for_new_repositories = true.'
package rampart.github.org.new_repo_dependabot

import data.rampart.lib

deny contains {"msg": "Dependabot alerts are not enabled for new repositories", "path": "attributes.new_repository_security.dependabot_alerts"} if {
	lib.attr(["new_repository_security", "dependabot_alerts"]) == false
}

deny contains {"msg": "Dependabot security updates are not enabled for new repositories", "path": "attributes.new_repository_security.dependabot_security_updates"} if {
	lib.attr(["new_repository_security", "dependabot_security_updates"]) == false
}

unknown contains {"msg": "new_repository_security.dependabot_alerts is unknown (needs an owner token)", "path": "attributes.new_repository_security.dependabot_alerts"} if {
	not is_boolean(lib.attr(["new_repository_security", "dependabot_alerts"]))
}

unknown contains {"msg": "new_repository_security.dependabot_security_updates is unknown (needs an owner token)", "path": "attributes.new_repository_security.dependabot_security_updates"} if {
	not is_boolean(lib.attr(["new_repository_security", "dependabot_security_updates"]))
}
