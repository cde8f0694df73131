# METADATA
# title: Private and internal repositories cannot be forked
# description: >-
#   A fork of a private repository lives outside the repository's access
#   list and survives the forker's removal; disable forking of private and
#   internal repositories.
# custom:
#   id: GH-REPO-029
#   severity: low
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.5.12", "A.8.12"]
#     nist-800-53-r5: ["AC-3", "AC-4"]
#     soc2: ["CC6.1"]
#   equivalents:
#     legitify: [forking_allowed_for_repository]
#   remediation:
#     console: 'Repository settings → General → Features → untick Allow forking (or disable private forks for the organization).'
#     terraform: 'github_repository allow_forking = false.'
package rampart.github.repo.private_forks

import data.rampart.lib

applies if {
	lib.not_archived
	lib.attr("visibility") in {"private", "internal"}
}

deny contains {"msg": sprintf("this %s repository allows forking", [input.attributes.visibility]), "path": "attributes.allow_forking"} if {
	applies
	lib.attr("allow_forking") == true
}

unknown contains {"msg": "whether forking is allowed is unknown", "path": "attributes.allow_forking"} if {
	applies
	not is_boolean(lib.attr("allow_forking"))
}

unknown contains {"msg": "the repository's visibility is unknown", "path": "attributes.visibility"} if {
	lib.not_archived
	not lib.attr("visibility") in {"public", "private", "internal"}
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
