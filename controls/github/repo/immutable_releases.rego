# METADATA
# title: Releases are immutable
# description: >-
#   With immutable releases a published release's tag and assets cannot be
#   changed or replaced, so what users downloaded is what was released.
# custom:
#   id: GH-REPO-032
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     iso27001-2022: ["A.8.32", "A.8.25"]
#     nist-800-53-r5: ["SI-7", "CM-14"]
#     soc2: ["CC8.1"]
#   equivalents:
#     prowler: [repository_immutable_releases_enabled]
#   remediation:
#     console: 'Repository settings → General → Releases → tick Enable release immutability.'
#     terraform: 'Not managed by the github provider: enable it in the repository or organization settings.'
package rampart.github.repo.immutable_releases

import data.rampart.lib

deny contains {"msg": "published releases can be changed", "path": "attributes.immutable_releases"} if {
	lib.not_archived
	lib.attr("immutable_releases") == false
}

unknown contains {"msg": "whether releases are immutable is unknown", "path": "attributes.immutable_releases"} if {
	lib.not_archived
	not is_boolean(lib.attr("immutable_releases"))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown
