# METADATA
# title: The dependency graph is enabled for new repositories
# description: >-
#   Dependabot alerts and dependency review need the dependency graph; a
#   repository created without it has no known dependencies to alert on.
# custom:
#   id: GH-ORG-013
#   severity: medium
#   resource_types: [github.organization]
#   frameworks:
#     cis-github-1.0: ["1.5.5"]
#     iso27001-2022: ["A.8.8"]
#     nist-800-53-r5: ["RA-5", "CM-8"]
#     soc2: ["CC7.1"]
#   equivalents: {}
#   remediation:
#     console: 'Organization settings → Code security → Configurations → Dependency graph: Enabled for new repositories.'
#     terraform: 'github_organization_settings dependency_graph_enabled_for_new_repositories = true.'
package rampart.github.org.new_repo_dependency_graph

import data.rampart.lib

deny contains {"msg": "the dependency graph is not enabled for new repositories", "path": "attributes.new_repository_security.dependency_graph"} if {
	lib.attr(["new_repository_security", "dependency_graph"]) == false
}

unknown contains {"msg": "whether the dependency graph is enabled for new repositories is unknown (needs an owner token)", "path": "attributes.new_repository_security.dependency_graph"} if {
	not is_boolean(lib.attr(["new_repository_security", "dependency_graph"]))
}
