# METADATA
# title: Inactive repositories are archived
# description: >-
#   A repository nobody pushes to keeps its collaborators, secrets, deploy
#   keys and webhooks while nobody watches its alerts; archive it. The
#   number of days without a push is the workspace setting
#   inactive_repository_days (default 90).
# custom:
#   id: GH-REPO-030
#   severity: medium
#   resource_types: [github.repository]
#   frameworks:
#     cis-github-1.0: ["1.2.7"]
#     iso27001-2022: ["A.5.9", "A.8.10"]
#     nist-800-53-r5: ["CM-8", "SA-22"]
#     soc2: ["CC6.1"]
#   equivalents:
#     cis-ssc: ["1.2.7"]
#     legitify: [repository_not_maintained]
#     prowler: [repository_inactive_not_archived]
#   remediation:
#     console: 'Repository settings → General → Danger Zone → Archive this repository (or push the maintenance it is missing).'
#     terraform: 'github_repository archived = true.'
package rampart.github.repo.inactive

import data.rampart.lib

limit := input.settings.inactive_repository_days

deny contains {"msg": sprintf("no push for %d days (the limit is %d) and the repository is not archived", [lib.days_since(input.attributes.pushed_at), limit]), "path": "attributes.pushed_at"} if {
	lib.not_archived
	is_number(limit)
	lib.days_since(input.attributes.pushed_at) > limit
}

unknown contains {"msg": "when the repository was last pushed to is unknown", "path": "attributes.pushed_at"} if {
	lib.not_archived
	not pushed_readable
}

unknown contains {"msg": "the run gave no inactive_repository_days setting", "path": "settings.inactive_repository_days"} if {
	lib.not_archived
	not is_number(object.get(input, ["settings", "inactive_repository_days"], null))
}

unknown contains {"msg": "whether the repository is archived is unknown", "path": "attributes.archived"} if lib.archived_unknown

pushed_readable if time.parse_rfc3339_ns(input.attributes.pushed_at)
