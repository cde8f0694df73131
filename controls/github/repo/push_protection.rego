# METADATA
# title: Secret scanning push protection is enabled
# description: >-
#   Push protection blocks a push that contains a known credential
#   format, so the secret never reaches the history.
# custom:
#   id: GH-REPO-013
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.5.1"]
#     iso27001-2022: ["A.8.12", "A.5.17"]
#     nist-800-53-r5: ["IA-5(7)", "SI-4"]
#     soc2: ["CC6.1"]
#   equivalents: {}
#   remediation:
#     console: 'Repository settings → Code security → Secret scanning → Push protection → Enable.'
#     terraform: 'github_repository security_and_analysis { secret_scanning_push_protection { status = "enabled" } }.'
package rampart.github.repo.push_protection

import data.rampart.lib

deny contains {"msg": "secret scanning push protection is disabled", "path": "attributes.security_and_analysis.secret_scanning_push_protection"} if {
	lib.not_archived
	lib.attr(["security_and_analysis", "secret_scanning_push_protection"]) == false
}

unknown contains {"msg": "whether secret scanning push protection is enabled is unknown", "path": "attributes.security_and_analysis.secret_scanning_push_protection"} if {
	lib.not_archived
	not is_boolean(lib.attr(["security_and_analysis", "secret_scanning_push_protection"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
