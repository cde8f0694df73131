# METADATA
# title: Dependabot alerts are enabled
# description: >-
#   Dependabot alerts report dependencies with known vulnerabilities;
#   without them nobody learns that a fix is needed.
# custom:
#   id: GH-REPO-014
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.5.5"]
#     iso27001-2022: ["A.8.8", "A.5.21"]
#     nist-800-53-r5: ["RA-5", "SI-2", "SR-3"]
#     soc2: ["CC7.1"]
#   equivalents:
#     legitify: [vulnerability_alerts_not_enabled]
#     prowler: [repository_dependency_scanning_enabled]
#   remediation:
#     console: 'Repository settings → Code security → Dependabot alerts → Enable.'
#     terraform: 'github_repository vulnerability_alerts = true.'
package rampart.github.repo.dependabot_alerts

import data.rampart.lib

deny contains {"msg": "Dependabot alerts are disabled", "path": "attributes.vulnerability_alerts_enabled"} if {
	lib.not_archived
	lib.attr(["vulnerability_alerts_enabled"]) == false
}

unknown contains {"msg": "whether Dependabot alerts are enabled is unknown", "path": "attributes.vulnerability_alerts_enabled"} if {
	lib.not_archived
	not is_boolean(lib.attr(["vulnerability_alerts_enabled"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
