# METADATA
# title: Self-hosted runner groups are limited to selected repositories
# description: >-
#   A runner group open to every repository lets any repository's workflow
#   run on those machines and reach what they can reach; limit each group
#   to the repositories that need it.
# custom:
#   id: GH-RUNNER-002
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     iso27001-2022: ["A.8.22", "A.8.2"]
#     nist-800-53-r5: ["AC-6", "SC-7"]
#     soc2: ["CC6.3"]
#   equivalents:
#     legitify: [runner_group_not_limited_to_selected_repositories]
#   remediation:
#     console: 'Organization settings → Actions → Runner groups → each group → Repository access: Selected repositories.'
#     terraform: 'github_actions_runner_group visibility = "selected" with selected_repository_ids.'
package rampart.github.runner.selected_repos

import data.rampart.lib

groups := lib.attr("runner_groups")

# A group is named by its name, else its position: a message must not
# read a field the rule does not check, or a nameless group would pass.
deny contains {"msg": sprintf("runner group %v is available to every repository", [object.get(g, "name", i)]), "path": "attributes.runner_groups"} if {
	some i, g in groups
	g.visibility == "all"
}

unknown contains {"msg": "the runner groups are unknown", "path": "attributes.runner_groups"} if {
	not is_array(groups)
}

unknown contains {"msg": sprintf("the repository access of runner group %d is unknown", [i]), "path": "attributes.runner_groups"} if {
	some i, g in groups
	not object.get(g, "visibility", null) in {"all", "selected", "private"}
}
