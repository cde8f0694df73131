package rampart.github.org.new_repo_dependency_graph_test

import data.rampart.github.org.new_repo_dependency_graph as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"new_repository_security": {"dependency_graph": true}}}
	count(c.unknown) == 0 with input as {"attributes": {"new_repository_security": {"dependency_graph": true}}}
}

test_fail if {
	c.deny == {{"msg": "the dependency graph is not enabled for new repositories", "path": "attributes.new_repository_security.dependency_graph"}} with input as {"attributes": {"new_repository_security": {"dependency_graph": false}}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {"new_repository_security": {"dependency_graph": "yes"}}}
	count(c.unknown) == 1 with input as {"attributes": {"new_repository_security": {"dependency_graph": null}}}
}
