package rampart.github.secret.org_visibility_test

import data.rampart.github.secret.org_visibility as c

org(secrets) := {"attributes": {"actions_secrets": secrets}}

test_pass if {
	count(c.deny) == 0 with input as org([{"name": "A", "visibility": "selected"}, {"name": "B", "visibility": "private"}])
	count(c.unknown) == 0 with input as org([{"name": "A", "visibility": "selected"}])
}

test_fail if {
	c.deny == {{"msg": "organization secret NPM_TOKEN is visible to every repository", "path": "attributes.actions_secrets"}} with input as org([{"name": "NPM_TOKEN", "visibility": "all"}, {"name": "B", "visibility": "selected"}])
}

test_unknown_when_missing if {
	count(c.unknown) == 1 with input as {"attributes": {}}
	count(c.deny) == 0 with input as {"attributes": {}}
	count(c.unknown) == 1 with input as org([{"name": "A"}])
	count(c.unknown) == 1 with input as org([{"name": "A", "visibility": "everyone"}])
}
