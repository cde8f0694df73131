# METADATA
# title: Code scanning default setup is configured
# description: >-
#   Code scanning finds vulnerable code before it ships; without it the
#   code scanning alert controls pass on a repository that is never
#   scanned. Read from the default-setup endpoint: a repository scanned by
#   an advanced-setup workflow alone fails here and needs a waiver naming it.
# custom:
#   id: GH-REPO-031
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.8.8", "A.8.29"]
#     nist-800-53-r5: ["RA-5", "SA-11(1)"]
#     soc2: ["CC7.1"]
#   equivalents:
#     scorecard: [SAST]
#   remediation:
#     console: 'Repository settings → Code security → Code scanning → CodeQL analysis → Set up → Default.'
#     terraform: 'Not managed by the github provider: enable default setup in the repository settings or a code security configuration.'
package rampart.github.repo.code_scanning_setup

import data.rampart.lib

deny contains {"msg": "code scanning default setup is not configured", "path": "attributes.code_scanning_default_setup"} if {
	lib.not_archived
	lib.attr("code_scanning_default_setup") == "not-configured"
}

unknown contains {"msg": "whether code scanning is set up is unknown", "path": "attributes.code_scanning_default_setup"} if {
	lib.not_archived
	not lib.attr("code_scanning_default_setup") in {"configured", "not-configured"}
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
