package rampart.github.repo.security_policy_test

import data.rampart.github.repo.security_policy as c

repo(vis, v) := {"attributes": {"archived": false, "visibility": vis, "has_security_policy": v}}

test_public_with_policy_passes if {
	count(c.deny) == 0 with input as repo("public", true)
	count(c.unknown) == 0 with input as repo("public", true)
}

test_public_without_policy_fails if {
	c.deny == {{"msg": "this public repository has no security policy (SECURITY.md)", "path": "attributes.has_security_policy"}} with input as repo("public", false)
}

test_private_not_asked if {
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "visibility": "private"}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": false, "visibility": "internal"}}
}

test_archived_passes if {
	count(c.deny) == 0 with input as {"attributes": {"archived": true, "visibility": "public", "has_security_policy": false}}
	count(c.unknown) == 0 with input as {"attributes": {"archived": true, "visibility": "public"}}
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "visibility": "public"}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "visibility": "public"}}
	count(c.unknown) == 1 with input as repo("public", "yes")
}

test_unknown_visibility if {
	count(c.unknown) == 1 with input as {"attributes": {"archived": false, "has_security_policy": false}}
	count(c.deny) == 0 with input as {"attributes": {"archived": false, "has_security_policy": false}}
}

test_unknown_archived if {
	count(c.unknown) > 0 with input as {"attributes": {"visibility": "public", "has_security_policy": true}}
}
