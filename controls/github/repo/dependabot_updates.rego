# METADATA
# title: Dependabot security updates are enabled
# description: >-
#   Security updates open the pull request that fixes a vulnerable
#   dependency, shortening the time an alert stays open.
# custom:
#   id: GH-REPO-015
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.5.5"]
#     iso27001-2022: ["A.8.8"]
#     nist-800-53-r5: ["SI-2", "RA-5"]
#     soc2: ["CC7.1"]
#   equivalents: {}
#   remediation:
#     console: 'Repository settings → Code security → Dependabot security updates → Enable.'
#     terraform: 'github_repository_dependabot_security_updates enabled = true.'
package rampart.github.repo.dependabot_updates

import data.rampart.lib

deny contains {"msg": "Dependabot security updates are disabled", "path": "attributes.security_and_analysis.dependabot_security_updates"} if {
	lib.not_archived
	lib.attr(["security_and_analysis", "dependabot_security_updates"]) == false
}

unknown contains {"msg": "whether Dependabot security updates are enabled is unknown", "path": "attributes.security_and_analysis.dependabot_security_updates"} if {
	lib.not_archived
	not is_boolean(lib.attr(["security_and_analysis", "dependabot_security_updates"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
