# METADATA
# title: Secret scanning is enabled
# description: >-
#   Secret scanning finds credentials committed to the repository so
#   they can be revoked before they are used.
# custom:
#   id: GH-REPO-012
#   severity: high
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.5.1"]
#     iso27001-2022: ["A.8.12", "A.5.17"]
#     nist-800-53-r5: ["IA-5(7)", "RA-5"]
#     soc2: ["CC6.1", "CC7.1"]
#   equivalents:
#     legitify: [secret_scanning_not_enabled]
#     prowler: [repository_secret_scanning_enabled]
#   remediation:
#     console: 'Repository settings → Code security → Secret scanning → Enable.'
#     terraform: 'github_repository security_and_analysis { secret_scanning { status = "enabled" } }.'
package rampart.github.repo.secret_scanning

import data.rampart.lib

deny contains {"msg": "secret scanning is disabled", "path": "attributes.security_and_analysis.secret_scanning"} if {
	lib.not_archived
	lib.attr(["security_and_analysis", "secret_scanning"]) == false
}

unknown contains {"msg": "whether secret scanning is enabled is unknown", "path": "attributes.security_and_analysis.secret_scanning"} if {
	lib.not_archived
	not is_boolean(lib.attr(["security_and_analysis", "secret_scanning"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
