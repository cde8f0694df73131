# METADATA
# title: Self-hosted runner groups are not available to public repositories
# description: >-
#   A public repository's workflows run code anyone can propose; on a
#   self-hosted runner that code reaches the runner's machine, network and
#   credentials, and can persist for the next job.
# custom:
#   id: GH-RUNNER-001
#   severity: high
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.8.22", "A.8.25"]
#     nist-800-53-r5: ["SC-7", "CM-7"]
#     soc2: ["CC6.6"]
#   equivalents:
#     legitify: [runner_group_can_be_used_by_public_repositories]
#   remediation:
#     console: 'Organization settings → Actions → Runner groups → each group → untick Allow public repositories.'
#     terraform: 'github_actions_runner_group allows_public_repositories = false.'
package rampart.github.runner.public_repos

import data.rampart.lib

groups := lib.attr("runner_groups")

# A group is named by its name, else its position: a message must not
# read a field the rule does not check, or a nameless group would pass.
deny contains {"msg": sprintf("runner group %v is available to public repositories", [object.get(g, "name", i)]), "path": "attributes.runner_groups"} if {
	some i, g in groups
	g.allows_public_repositories == true
}

unknown contains {"msg": "the runner groups are unknown", "path": "attributes.runner_groups"} if {
	not is_array(groups)
}

unknown contains {"msg": sprintf("whether runner group %d is available to public repositories is unknown", [i]), "path": "attributes.runner_groups"} if {
	some i, g in groups
	not is_boolean(object.get(g, "allows_public_repositories", null))
}
