package rampart.github.org.outside_invites_test

import data.rampart.github.org.outside_invites as c

test_pass if {
	count(c.deny) == 0 with input as {"attributes": {"members_can_invite_outside_collaborators": false}}
	count(c.unknown) == 0 with input as {"attributes": {"members_can_invite_outside_collaborators": false}}
}

test_fail if {
	c.deny == {{"msg": "repository admins may invite outside collaborators", "path": "attributes.members_can_invite_outside_collaborators"}} with input as {"attributes": {"members_can_invite_outside_collaborators": true}}
}

test_unknown_when_missing if {
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {"members_can_invite_outside_collaborators": "yes"}}
	count(c.unknown) == 1 with input as {"attributes": {"members_can_invite_outside_collaborators": null}}
}
