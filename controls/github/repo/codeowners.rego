# METADATA
# title: The repository defines code owners
# description: >-
#   A CODEOWNERS file names who must review changes to sensitive paths
#   (workflows, infrastructure, authentication code).
# custom:
#   id: GH-REPO-011
#   severity: low
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.1.6"]
#     iso27001-2022: ["A.8.4", "A.5.2"]
#     nist-800-53-r5: ["CM-5", "PM-13"]
#     soc2: ["CC8.1"]
#   equivalents:
#     prowler: [repository_has_codeowners_file]
#   remediation:
#     console: 'Add a CODEOWNERS file in .github/, the root or docs/ of the default branch.'
#     terraform: 'github_repository_file for .github/CODEOWNERS.'
package rampart.github.repo.codeowners

import data.rampart.lib

deny contains {"msg": "the repository has no CODEOWNERS file", "path": "attributes.has_codeowners"} if {
	lib.not_archived
	lib.attr(["has_codeowners"]) == false
}

unknown contains {"msg": "whether the repository has a CODEOWNERS file is unknown", "path": "attributes.has_codeowners"} if {
	lib.not_archived
	not is_boolean(lib.attr(["has_codeowners"]))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
