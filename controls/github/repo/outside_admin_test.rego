package rampart.github.repo.outside_admin_test

import data.rampart.github.repo.outside_admin as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"collaborators": [{"login": "a", "permission": "admin", "outside": false}, {"login": "x", "permission": "write", "outside": true}]}}
	count(c.unknown) == 0 with input as {"attributes": {"collaborators": []}}
}

test_fail if {
	c.deny == {{"msg": "outside collaborator \"x\" has admin access", "path": "attributes.collaborators[0].permission"}} with input as {"attributes": {"collaborators": [{"login": "x", "permission": "admin", "outside": true}]}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {"collaborators": [{"login": "x", "permission": "admin"}]}}
}

# An outside collaborator whose permission is missing or not a string may be
# an admin; so may a collaborator entry that is not an object.
test_unknown_permission_unreadable if {
	every collab in [{"login": "x", "outside": true}, {"login": "x", "permission": null, "outside": true}, {"login": "x", "permission": 1, "outside": true}, null, "x"] {
		count(c.deny) == 0 with input as {"attributes": {"collaborators": [collab]}}
		count(c.unknown) == 1 with input as {"attributes": {"collaborators": [collab]}}
	}
}
